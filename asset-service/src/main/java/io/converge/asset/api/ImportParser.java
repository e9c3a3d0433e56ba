package io.converge.asset.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.converge.asset.api.ImportRows.ImportRow;
import io.converge.asset.config.AssetConfig;
import io.converge.rest.DomainException;
import io.converge.rest.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Phase 1 of an import: streams the body row by row, validates each row (Bean Validation, duplicate tags) and keeps
 * the valid ones compact ({@link ImportValues}), holding the import's memory lease as they accumulate.
 */
@ApplicationScoped
class ImportParser {

    /** The valid rows in file order, and how many rows the file has. */
    record Parsed(List<ImportRow> rows, long total) {
    }

    private static final int PROGRESS_EVERY = 10_000;
    private static final Logger LOG = Logger.getLogger(ImportParser.class);

    private final Validator validator;
    private final ObjectMapper json;
    private final AssetConfig config;

    ImportParser(Validator validator, ObjectMapper json, AssetConfig config) {
        this.validator = validator;
        this.json = json;
        this.config = config;
    }

    Parsed parse(AssetImporter.Format format, Charset charset, InputStream body, ImportErrors errors,
            ImportBudget.Lease lease) {
        int maxRows = config.importing().maxRows();
        ImportValues values = new ImportValues();
        List<ImportRow> rows = new ArrayList<>();
        // dropped with this frame once the file is read: the later phases find rows by tag in sorted chunks
        Map<String, Integer> firstRowOfTag = new HashMap<>();
        long[] last = new long[1];
        ImportReader.RowConsumer consumer = raw -> {
            long row = raw.row();
            if (row > maxRows) {
                throw new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE,
                        "the import has more than " + maxRows + " rows; split it into several files");
            }
            last[0] = row;
            List<FieldError> rowErrors = new ArrayList<>(0);
            ImportRow r = ImportRows.map(raw, validator, values, rowErrors);
            String tag = raw.values().get("tag") == null ? null : raw.values().get("tag").trim();
            if (tag != null && !tag.isEmpty()) {
                Integer first = firstRowOfTag.putIfAbsent(tag, (int) row);
                if (first == null) {
                    values.indexed(tag);
                } else {
                    rowErrors.add(new FieldError(row, "tag", "duplicate tag '" + tag + "': already on row " + first));
                    r = null;
                }
            }
            rowErrors.forEach(errors::add);
            if (r != null) {
                rows.add(r);
                values.held(r);
            }
            lease.ensure(values.footprint(), row);
            if (row % PROGRESS_EVERY == 0) {
                LOG.infof("import: %d rows parsed, %d errors so far, ~%d MB held", row, errors.count(),
                        values.footprint() >> 20);
            }
        };
        if (format == AssetImporter.Format.CSV) {
            ImportReader.readCsv(body, charset, consumer);
        } else {
            ImportReader.readJson(json, body, consumer);
        }
        return new Parsed(rows, last[0]);
    }
}
