package io.iamuseraudit.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRField;

/**
 * Feeds records to a JasperReports template, one per row, a field per record component.
 * Reading from an iterator, it streams: rows are pulled as the report fills. Not
 * thread-safe.
 */
public final class RecordDataSource implements JRDataSource {

	private final Iterator<? extends Record> rows;

	private final Map<String, Method> accessors = new HashMap<>();

	private Record current;

	public RecordDataSource(Iterator<? extends Record> rows) {
		this.rows = rows;
	}

	/** For templates: {@code new RecordDataSource($P{FINDINGS})}. */
	public RecordDataSource(Collection<? extends Record> rows) {
		this(rows.iterator());
	}

	@Override
	public boolean next() {
		if (!this.rows.hasNext()) {
			return false;
		}
		this.current = this.rows.next();
		return true;
	}

	@Override
	public Object getFieldValue(JRField field) throws JRException {
		Method accessor = this.accessors.computeIfAbsent(field.getName(), this::accessor);
		if (accessor == null) {
			throw new JRException("No field '" + field.getName() + "' in " + this.current.getClass().getSimpleName());
		}
		try {
			return accessor.invoke(this.current);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new JRException("Cannot read field '" + field.getName() + "'", ex);
		}
	}

	private Method accessor(String name) {
		for (RecordComponent component : this.current.getClass().getRecordComponents()) {
			if (component.getName().equals(name)) {
				Method accessor = component.getAccessor();
				accessor.setAccessible(true);
				return accessor;
			}
		}
		return null;
	}

}
