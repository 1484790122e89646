package io.smtpscope.history;

/**
 * A row of the history database that could not be read (a hand edit, a disk error, a tool that wrote a bad value):
 * its table, its id and what is wrong with it. The rows around it are still read; the caller says this one was left out.
 */
public record DamagedRow(String table, long id, String problem) {
    /** One line for stderr: names the database and the row, and what was done. */
    public String describe(String database) {
        return "history database " + database + ": row " + id + " of table " + table + " is damaged (" + problem + "); left out";
    }
}
