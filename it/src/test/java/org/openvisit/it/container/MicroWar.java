package org.openvisit.it.container;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/** The deployment of the in-container tests: the real Micro WAR plus the test classes and AssertJ. */
final class MicroWar {

    private MicroWar() {
    }

    static WebArchive with(Class<?>... testClasses) {
        File war = new File(System.getProperty("openvisit.artifacts", "target/artifacts"), "openvisit.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(testClasses)
                .addClass(MicroWar.class)
                .addAsLibrary(jarOf(org.assertj.core.api.Assertions.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
