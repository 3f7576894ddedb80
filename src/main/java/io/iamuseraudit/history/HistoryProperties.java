package io.iamuseraudit.history;

import java.time.Period;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.history.*}.
 *
 * @param retention how long audits stay in the history database; older ones are purged at
 * the end of a run (archived evidence is never touched)
 */
public record HistoryProperties(@NotNull @DefaultValue("2y") Period retention) {
}
