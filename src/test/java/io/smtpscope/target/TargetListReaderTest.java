package io.smtpscope.target;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetListReaderTest {
    @Test
    void commentsAndBlankLinesAreIgnoredAndBadLinesReportedWithTheirNumber() throws IOException {
        String text = """
                # mail servers to check
                mail.example.com

                   mx2.example.net:2525   # trailing comment
                bad host name
                [2001:db8::1]:587/starttls
                mail.example.com:99999
                \t
                192.0.2.7
                """;
        TargetListReader.Result result = TargetListReader.read(new StringReader(text), "hosts.txt");
        assertEquals(List.of("mail.example.com", "mx2.example.net", "2001:db8::1", "192.0.2.7"),
                result.targets().stream().map(TargetSpec::host).toList());
        assertEquals(Optional.of(2525), result.targets().get(1).port());
        assertEquals(Optional.of(Mode.STARTTLS), result.targets().get(2).mode());
        assertEquals(2, result.errors().size());
        TargetListReader.InputError first = result.errors().get(0);
        assertEquals(5, first.line());
        assertEquals("hosts.txt", first.source());
        assertTrue(first.toString().startsWith("hosts.txt:5: "), first.toString());
        assertEquals(7, result.errors().get(1).line());
        assertTrue(result.errors().get(1).message().contains("99999"));
    }

    @Test
    void overlongLineIsRefusedNotParsed() throws IOException {
        String text = "a".repeat(TargetListReader.MAX_LINE_CHARS + 1) + "\nok.example.com\n";
        TargetListReader.Result result = TargetListReader.read(new StringReader(text), "stdin");
        assertEquals(1, result.targets().size());
        assertEquals(1, result.errors().get(0).line());
        assertTrue(result.errors().get(0).message().contains("longer than"));
    }

    @Test
    void emptyInputGivesNothing() throws IOException {
        TargetListReader.Result result = TargetListReader.read(new StringReader("\n# only a comment\n"), "x");
        assertTrue(result.targets().isEmpty());
        assertTrue(result.errors().isEmpty());
    }
}
