package io.iamuseraudit.inventory;

/** An IAM tag as AWS Config reports it. Both parts are attacker-controlled text. */
public record Tag(String key, String value) {
}
