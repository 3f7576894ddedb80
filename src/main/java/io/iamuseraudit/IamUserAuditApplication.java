package io.iamuseraudit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IamUserAuditApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(IamUserAuditApplication.class, args)));
	}

}
