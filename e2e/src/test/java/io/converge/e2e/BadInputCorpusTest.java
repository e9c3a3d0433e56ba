package io.converge.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.converge.e2e.corpus.CorpusCase;
import io.converge.e2e.corpus.CorpusChecks;
import io.converge.e2e.corpus.CorpusFixtures;
import io.converge.e2e.corpus.CorpusHttp;
import io.converge.e2e.corpus.CorpusLoader;
import io.converge.e2e.corpus.EndpointCoverage;
import io.converge.e2e.corpus.WriteProbe;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input corpus ({@code src/test/resources/corpus/*.yaml}): malicious and malformed requests to every public
 * endpoint of the five services, sent through the gateway with a real token of a role the endpoint allows, so that
 * the input — not the role — is what is refused. One dynamic test per case: the answer is the expected 4xx
 * {@code application/problem+json} (type, title, status = the HTTP status), never a 5xx, never a stack trace or Java
 * class name, never a header the request smuggled in. Then one test that nothing was written: every service database
 * is searched (read-only) for the marks the cases put into what they would have created ({@link WriteProbe}). Before
 * the cases, two checks of the corpus itself: at least {@value #MIN_CASES} cases covering every category and service,
 * and a case for every operation of every service's OpenAPI document ({@link EndpointCoverage}). Finally a summary
 * per category, service and status.
 */
class BadInputCorpusTest {

    private static final int MIN_CASES = 150;
    private static final String RUN = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String CASE_MARK = "cbi" + RUN;
    private static final CorpusHttp HTTP = new CorpusHttp(System.getProperty("converge.gateway.url",
            "http://localhost:8080"));
    private static final CorpusFixtures FIXTURES = new CorpusFixtures(HTTP, RUN);
    private static final Map<Integer, Integer> STATUS_OF_CASE = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> badInputCorpus() {
        List<CorpusCase> cases = CorpusLoader.load();
        FIXTURES.create();
        return Stream.of(
                Stream.of(dynamicTest("the corpus covers every service and category", () -> coverage(cases)),
                        dynamicTest("every public endpoint has a case", () -> endpoints(cases))),
                cases.stream().map(c -> dynamicTest(c.title(), () -> check(c))),
                Stream.of(dynamicTest("nothing written by any case", () -> nothingWritten(cases)),
                        dynamicTest("summary", () -> summary(cases))))
                .flatMap(s -> s);
    }

    @AfterAll
    static void removeFixtures() {
        FIXTURES.remove();
    }

    private static void check(CorpusCase c) {
        Map<String, String> own = Map.of("mark", mark(c));
        UnaryOperator<String> resolve = s -> FIXTURES.resolve(s, own);
        String target = c.target(resolve);
        CorpusHttp.Answer a = HTTP.send(c.role(), c.method(), target, c.headers(resolve), c.bytes(resolve));
        STATUS_OF_CASE.put(c.index(), a.status());
        List<String> wrong = CorpusChecks.problems(c, a);
        String body = a.body().length() > 600 ? a.body().substring(0, 600) + "…" : a.body();
        assertTrue(wrong.isEmpty(), c.method() + " " + shorten(target) + " as " + c.role() + " (" + c.bodySummary()
                + ")\n  " + String.join("\n  ", wrong) + "\n  answer " + a.status() + " " + a.contentType() + ": "
                + body);
    }

    private static void coverage(List<CorpusCase> cases) {
        List<String> missing = new ArrayList<>();
        if (cases.size() < MIN_CASES) {
            missing.add("only " + cases.size() + " cases (at least " + MIN_CASES + ")");
        }
        CorpusCase.CATEGORIES.stream().filter(cat -> cases.stream().noneMatch(c -> c.category().equals(cat)))
                .forEach(cat -> missing.add("no case of category " + cat));
        CorpusLoader.FILES.stream().filter(s -> cases.stream().noneMatch(c -> c.service().equals(s)))
                .forEach(s -> missing.add("no case for " + s));
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    private static void endpoints(List<CorpusCase> cases) {
        List<String> uncovered = EndpointCoverage.uncovered(cases);
        assertTrue(uncovered.isEmpty(), uncovered.size() + " endpoints without a case:\n"
                + String.join("\n", uncovered));
    }

    private static void nothingWritten(List<CorpusCase> cases) {
        Map<String, List<String>> found = new WriteProbe(System.getProperty("converge.jdbc.url",
                "jdbc:postgresql://127.0.0.1:5432/"), System.getProperty("converge.jdbc.user", "converge"),
                System.getProperty("converge.jdbc.password", "converge")).marksFound(CASE_MARK);
        List<String> written = new ArrayList<>();
        found.forEach((mark, tables) -> {
            int index = Integer.parseInt(mark.substring(mark.indexOf('-') + 1));
            String title = cases.stream().filter(c -> c.index() == index).map(CorpusCase::title).findFirst()
                    .orElse("unknown case " + mark);
            written.add(title + ": " + String.join(", ", tables));
        });
        assertTrue(written.isEmpty(), written.size() + " cases wrote rows:\n" + String.join("\n", written));
    }

    private static void summary(List<CorpusCase> cases) {
        Map<String, Map<String, Long>> byCategory = new TreeMap<>();
        for (CorpusCase c : cases) {
            byCategory.computeIfAbsent(c.category(), k -> new TreeMap<>()).merge(c.service(), 1L, Long::sum);
        }
        StringBuilder out = new StringBuilder(String.format("Bad-input corpus: %d cases%n%-18s", cases.size(),
                "category"));
        CorpusLoader.FILES.forEach(s -> out.append(String.format(" %9s", s)));
        out.append(String.format(" %9s%n", "total"));
        byCategory.forEach((cat, perService) -> {
            out.append(String.format("%-18s", cat));
            CorpusLoader.FILES.forEach(s -> out.append(String.format(" %9s", perService.getOrDefault(s, 0L) == 0 ? "·"
                    : perService.get(s))));
            out.append(String.format(" %9d%n", perService.values().stream().mapToLong(Long::longValue).sum()));
        });
        out.append(String.format("%-18s", "total"));
        CorpusLoader.FILES.forEach(s -> out.append(String.format(" %9d", cases.stream()
                .filter(c -> c.service().equals(s)).count())));
        out.append(String.format(" %9d%nanswers by status: %s%n", cases.size(), new TreeMap<>(STATUS_OF_CASE.values()
                .stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))));
        System.out.print(out);
        assertTrue(STATUS_OF_CASE.size() == cases.size(), "only " + STATUS_OF_CASE.size() + " of " + cases.size()
                + " cases were sent");
    }

    private static String mark(CorpusCase c) {
        return String.format("%s-%03d", CASE_MARK, c.index());
    }

    private static String shorten(String target) {
        return target.length() > 200 ? target.substring(0, 200) + "…" : target;
    }
}
