package io.iamuseraudit.job;

import java.util.List;
import java.util.Objects;

import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;

import org.springframework.stereotype.Component;

/**
 * {@code --audit.command=history}: lists the audits in the history database, newest
 * first.
 */
@Component
class HistoryCommand {

	private static final int LIMIT = 50;

	private final AuditRuns runs;

	HistoryCommand(AuditRuns runs) {
		this.runs = runs;
	}

	void print() {
		List<AuditRun> audits = this.runs.recent(LIMIT);
		System.out.println(table(audits));
	}

	static String table(List<AuditRun> audits) {
		StringBuilder table = new StringBuilder("%-10s  %-23s  %-6s  %8s  %8s  %8s  %8s  %-10s  %s%n"
			.formatted("report", "status", "source", "users", "accounts", "high", "warnings", "compared", "ended"));
		for (AuditRun audit : audits) {
			table.append("%-10s  %-23s  %-6s  %8s  %8s  %8s  %8s  %-10s  %s%n".formatted(audit.reportDate(),
					audit.status(), audit.source().toLowerCase(), text(audit.users()), text(audit.accounts()),
					text(audit.highFindings()), text(audit.warnings()), text(audit.previousReportDate()),
					text(audit.endedAt())));
		}
		if (audits.isEmpty()) {
			table.append("(no audits in the history yet)");
		}
		return table.toString();
	}

	private static String text(Object value) {
		return Objects.toString(value, "-");
	}

}
