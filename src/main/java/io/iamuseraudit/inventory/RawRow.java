package io.iamuseraudit.inventory;

/**
 * One row of the inventory query as it arrived.
 *
 * @param rowNumber position in the query results, from 1
 * @param json the row's JSON document
 */
public record RawRow(long rowNumber, String json) {
}
