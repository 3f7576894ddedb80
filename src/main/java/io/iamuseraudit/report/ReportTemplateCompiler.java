package io.iamuseraudit.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Compiles the JRXML templates of {@code reports/} into {@code .jasper} files at build
 * time, so that the job neither needs a compiler nor spends a second compiling at run
 * time. Run by the build ({@code process-classes}).
 */
public final class ReportTemplateCompiler {

	private ReportTemplateCompiler() {
	}

	public static void main(String[] args) throws IOException, JRException {
		Path sources = Path.of(args[0]);
		Path target = Files.createDirectories(Path.of(args[1]));
		try (DirectoryStream<Path> templates = Files.newDirectoryStream(sources, "*.jrxml")) {
			for (Path template : templates) {
				String name = template.getFileName().toString().replace(".jrxml", ".jasper");
				JasperCompileManager.compileReportToFile(template.toString(), target.resolve(name).toString());
			}
		}
	}

}
