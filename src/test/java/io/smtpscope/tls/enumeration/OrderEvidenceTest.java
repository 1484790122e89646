package io.smtpscope.tls.enumeration;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderEvidenceTest {
    @Test
    void anAnswerThatPassesOverAnAcceptedSuiteOfferedEarlierShowsTheServersOrder() {
        OrderEvidence evidence = new OrderEvidence();
        evidence.answered(List.of(1, 2, 3, 4), 3); // 2 is accepted too, and was offered before 3
        assertTrue(evidence.showsServerOrder(Set.of(2, 3)));
    }

    @Test
    void answersThatAlwaysTakeTheFirstAcceptedSuiteOfferedShowNothing() {
        OrderEvidence evidence = new OrderEvidence();
        evidence.answered(List.of(1, 2, 3, 4), 2); // 1 is not accepted: 2 is the first accepted one offered
        evidence.answered(List.of(1, 3, 4), 3);
        assertFalse(evidence.showsServerOrder(Set.of(2, 3)));
        assertFalse(new OrderEvidence().showsServerOrder(Set.of(2, 3)));
    }
}
