package org.openvisit.identity.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class FirstOperatorTest {

    @TempDir
    Path data;

    @Test
    void aGeneratedPasswordGoesToAFileOfTheServersUserAndNeverIntoTheLog() throws Exception {
        List<String> created = new ArrayList<>();
        AccountService accounts = new AccountService() {
            @Override
            public boolean anyAccountExists() {
                return false;
            }

            @Override
            public SignedInUser createFirstOperator(String username, String password) {
                created.add(password);
                return null;
            }
        };
        FirstOperator operator = new FirstOperator();
        set(operator, "accounts", accounts);
        set(operator, "username", "admin");
        set(operator, "dataDir", data.toString());
        set(operator, "configuredPassword", Optional.empty());
        List<String> logged = new ArrayList<>();
        Logger log = Logger.getLogger(FirstOperator.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            operator.createWhenNoAccountExists();
        } finally {
            log.removeHandler(handler);
        }
        Path file = data.resolve(FirstOperator.PASSWORD_FILE);
        assertThat(created).singleElement().asString().hasSize(20);
        assertThat(Files.readString(file).strip()).isEqualTo(created.get(0));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(logged).singleElement().asString().contains(file.toString()).doesNotContain(created.get(0));
    }

    @Test
    void aNodeThatLosesTheRaceForTheFirstAccountToAnotherNodeStartsAndWritesNoPasswordFile() throws Exception {
        AccountService accounts = new AccountService() {
            private boolean otherNodeCreatedIt;

            @Override
            public boolean anyAccountExists() {
                return otherNodeCreatedIt;
            }

            @Override
            public SignedInUser createFirstOperator(String username, String password) {
                otherNodeCreatedIt = true; // the other node committed first: the unique user name refuses this one
                throw new jakarta.ejb.EJBTransactionRolledbackException("duplicate key uq_portal_account_username_key");
            }
        };
        FirstOperator operator = new FirstOperator();
        set(operator, "accounts", accounts);
        set(operator, "username", "admin");
        set(operator, "dataDir", data.toString());
        set(operator, "configuredPassword", Optional.empty());

        operator.createWhenNoAccountExists();

        assertThat(data.resolve(FirstOperator.PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void aFailureWithNoAccountMadeByAnyoneStillStopsTheStart() throws Exception {
        AccountService accounts = new AccountService() {
            @Override
            public boolean anyAccountExists() {
                return false;
            }

            @Override
            public SignedInUser createFirstOperator(String username, String password) {
                throw new IllegalStateException("database gone");
            }
        };
        FirstOperator operator = new FirstOperator();
        set(operator, "accounts", accounts);
        set(operator, "username", "admin");
        set(operator, "dataDir", data.toString());
        set(operator, "configuredPassword", Optional.of("a configured password of length"));

        org.assertj.core.api.Assertions.assertThatThrownBy(operator::createWhenNoAccountExists)
                .isInstanceOf(IllegalStateException.class).hasMessage("database gone");
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = FirstOperator.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
