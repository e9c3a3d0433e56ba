package io.converge.telemetry.domain.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.converge.telemetry.domain.sparkplug.SparkplugTopic.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkplugTopicTest {

    @Test
    void parsesNodeTopics() {
        for (String type : new String[] {"NBIRTH", "NDATA", "NDEATH"}) {
            SparkplugTopic t = SparkplugTopic.parse("spBv1.0/plant1/" + type + "/edge-7");
            assertEquals("plant1", t.group());
            assertEquals(MessageType.valueOf(type), t.type());
            assertEquals("edge-7", t.edgeNode());
            assertNull(t.device());
            assertEquals("edge-7", t.deviceKey());
            assertFalse(t.isIgnorable());
            assertEquals("spBv1.0/plant1/" + type + "/edge-7", t.topic());
        }
    }

    @Test
    void parsesDeviceTopics() {
        for (String type : new String[] {"DBIRTH", "DDATA", "DDEATH"}) {
            SparkplugTopic t = SparkplugTopic.parse("spBv1.0/plant1/" + type + "/edge-7/press-01");
            assertEquals(MessageType.valueOf(type), t.type());
            assertEquals("edge-7", t.edgeNode());
            assertEquals("press-01", t.device());
            assertEquals("press-01", t.deviceKey());
            assertFalse(t.isIgnorable());
            assertEquals("spBv1.0/plant1/" + type + "/edge-7/press-01", t.toString());
        }
    }

    @Test
    void commandsAndStateAreIgnorable() {
        assertTrue(SparkplugTopic.parse("spBv1.0/g/NCMD/n").isIgnorable());
        assertTrue(SparkplugTopic.parse("spBv1.0/g/DCMD/n/d").isIgnorable());
        SparkplugTopic state = SparkplugTopic.parse("spBv1.0/STATE/scada-host");
        assertEquals(MessageType.STATE, state.type());
        assertTrue(state.isIgnorable());
        assertNull(state.group());
        assertEquals("scada-host", state.edgeNode());
        assertEquals(MessageType.STATE, SparkplugTopic.parse("STATE/scada-host").type());
    }

    @Test
    void messageTypeClassification() {
        assertTrue(MessageType.NBIRTH.isBirth());
        assertTrue(MessageType.DDATA.isData());
        assertTrue(MessageType.DDEATH.isDeath());
        assertTrue(MessageType.DBIRTH.isDeviceMessage());
        assertFalse(MessageType.NDATA.isDeviceMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                  // empty
            "spBv1.0",                           // namespace only
            "spBv1.0/g",                         // too short
            "spBv1.0/g/NDATA",                   // missing edge node
            "spAv1.0/g/NDATA/n",                 // wrong namespace
            "spBv1.0/g/NFOO/n",                  // unknown message type
            "spBv1.0/g/ndata/n",                 // message type is case-sensitive
            "spBv1.0/g/DDATA/n",                 // device message without device
            "spBv1.0/g/NDATA/n/d",               // node message with device
            "spBv1.0/g/DDATA/n/d/extra",         // too many segments
            "spBv1.0//NDATA/n",                  // empty group
            "spBv1.0/g/NDATA/",                  // empty edge node
            "spBv1.0/g/DDATA/n/",                // empty device
            "spBv1.0/g/NDATA/+",                 // wildcard
            "spBv1.0/#",                         // wildcard
            "spBv1.0/g/STATE/n",                 // STATE in the message type position
            "spBv1.0/STATE/",                    // STATE without host id
    })
    void rejectsInvalidTopics(String topic) {
        SparkplugException e = assertThrows(SparkplugException.class, () -> SparkplugTopic.parse(topic));
        assertTrue(e.getMessage().contains("Sparkplug topic"), e.getMessage());
        assertTrue(SparkplugTopic.tryParse(topic).isEmpty());
    }

    @Test
    void nullTopicIsInvalid() {
        assertThrows(SparkplugException.class, () -> SparkplugTopic.parse(null));
        assertTrue(SparkplugTopic.tryParse(null).isEmpty());
    }

    @Test
    void errorMessagesSayWhatIsWrong() {
        assertTrue(assertThrows(SparkplugException.class, () -> SparkplugTopic.parse("spBv1.0/g/DDATA/n"))
                .getMessage().contains("DDATA requires a device segment"));
        assertTrue(assertThrows(SparkplugException.class, () -> SparkplugTopic.parse("spBv1.0/g/NDATA/n/d"))
                .getMessage().contains("must not have a device segment"));
        assertTrue(assertThrows(SparkplugException.class, () -> SparkplugTopic.parse("spBv1.0/g/XDATA/n"))
                .getMessage().contains("unknown message type 'XDATA'"));
    }

    @Test
    void factoriesValidateShape() {
        assertEquals("spBv1.0/g/NCMD/n", SparkplugTopic.node("g", MessageType.NCMD, "n").topic());
        assertThrows(SparkplugException.class, () -> SparkplugTopic.node("g", MessageType.DDATA, "n"));
        assertThrows(SparkplugException.class, () -> SparkplugTopic.device("g", MessageType.NDATA, "n", "d"));
        assertThrows(SparkplugException.class, () -> SparkplugTopic.node("g/x", MessageType.NDATA, "n"));
    }
}
