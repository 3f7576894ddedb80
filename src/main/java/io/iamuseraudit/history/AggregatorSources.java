package io.iamuseraudit.history;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

import io.iamuseraudit.Printable;
import io.iamuseraudit.SqlTime;
import io.iamuseraudit.inventory.AggregatorSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code aggregator_source} table: how fresh each aggregator source was for an audit.
 * Thread-safe.
 */
@Component
public class AggregatorSources {

	private final JdbcTemplate jdbc;

	public AggregatorSources(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces what an audit recorded (a restarted collection records again). */
	public void replace(LocalDate reportDate, List<AggregatorSource> sources) {
		this.jdbc.update("delete from aggregator_source where report_date = ?", reportDate);
		this.jdbc.batchUpdate(
				"""
						insert into aggregator_source (report_date, source_id, source_type, region, status, last_updated_at, error)
						values (?, ?, ?, ?, ?, ?, ?)""",
				sources.stream()
					.collect(Collectors.toMap(source -> source.sourceId() + "/" + source.region(), source -> source,
							(first, second) -> first, LinkedHashMap::new))
					.values()
					.stream()
					.map(source -> new Object[] { reportDate, source.sourceId(), String.valueOf(source.sourceType()),
							String.valueOf(source.region()), source.status(), SqlTime.of(source.lastUpdatedAt()),
							Printable.cut(source.error(), 2000) })
					.toList());
	}

	public List<AggregatorSource> all(LocalDate reportDate) {
		return this.jdbc.query("select * from aggregator_source where report_date = ? order by source_id, region",
				(rs, row) -> new AggregatorSource(rs.getString("source_id"), rs.getString("source_type"),
						rs.getString("region"), rs.getString("status"), SqlTime.get(rs, "last_updated_at"),
						rs.getString("error")),
				reportDate);
	}

}
