import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the missing Converge topics in one JVM (TopicCommand needs one JVM per topic, ~4 s each on a small machine)
 * and checks that every topic exists with the expected partition count.
 *
 * <p>Run by ./converge with Kafka's jars: {@code java -cp 'libs/*' EnsureTopics.java localhost:9092 topic:partitions...}
 */
public class EnsureTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EnsureTopics <bootstrap servers> <topic>:<partitions>...");
            System.exit(2);
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int colon = args[i].lastIndexOf(':');
            wanted.put(args[i].substring(0, colon), Integer.parseInt(args[i].substring(colon + 1)));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((topic, partitions) -> {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            });
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames().get();
            int problems = 0;
            for (var entry : wanted.entrySet()) {
                int actual = described.get(entry.getKey()).partitions().size();
                if (actual != entry.getValue()) {
                    System.err.printf("topic %s has %d partitions, expected %d%n", entry.getKey(), actual, entry.getValue());
                    problems++;
                }
            }
            System.out.println("created=" + missing.size());
            System.exit(problems == 0 ? 0 : 1);
        }
    }
}
