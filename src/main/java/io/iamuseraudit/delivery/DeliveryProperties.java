package io.iamuseraudit.delivery;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.delivery.*}.
 *
 * @param enabled {@code false} makes a dry run: collect and render, archive and email
 * nothing
 */
public record DeliveryProperties(@DefaultValue("true") boolean enabled) {
}
