package dev.kraft.machine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;
import java.util.Map;

/** Machine records as documents for scripts, {@code kraft ps -o json|yaml}: the fields machine.json has. */
public final class MachineFormats {
    private MachineFormats() {
    }

    public static String json(List<MachineRecord> machines) {
        return write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT), machines);
    }

    public static String yaml(List<MachineRecord> machines) {
        // As kraft pkg ls and info write YAML: no "---" document marker, quotes only where needed.
        return write(new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)), machines);
    }

    private static String write(ObjectMapper mapper, List<MachineRecord> machines) {
        List<Map<String, Object>> documents = machines.stream().map(MachineJson::fields).toList();
        try {
            return mapper.writeValueAsString(documents).stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("machine records are plain data", e);
        }
    }
}
