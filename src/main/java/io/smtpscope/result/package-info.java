/**
 * The report contract: the records serialised to JSON ({@code smtpscope/report/v1}).
 * Field names are public interface; add fields, never rename them, and document each one in
 * {@code src/main/resources/io/smtpscope/report/report-v1.schema.json}.
 */
package io.smtpscope.result;
