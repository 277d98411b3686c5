package org.openvisit.secrets;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The installation's master key: {@code openvisit.secrets.master-key} (base64 of 32 random bytes)
 * when configured, which every node of a cluster must share; otherwise a key generated once into
 * {@code <data dir>/keys/master.key}, readable by the owner only, which suits one node. Losing it
 * makes the sealed secrets unreadable: back it up with the database.
 */
@ApplicationScoped
public class MasterKey {

    private static final Logger LOG = Logger.getLogger(MasterKey.class.getName());

    @Inject
    @ConfigProperty(name = "openvisit.secrets.master-key")
    private Optional<String> configured;

    @Inject
    @ConfigProperty(name = "openvisit.data.dir", defaultValue = "./data")
    private String dataDir;

    private Sealer sealer;

    @PostConstruct
    void load() {
        sealer = new Sealer(configured.filter(k -> !k.isBlank()).map(MasterKey::decode).orElseGet(this::fromFile));
    }

    public Sealer sealer() {
        return sealer;
    }

    private static byte[] decode(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.strip());
        if (key.length != 32) {
            throw new IllegalStateException("openvisit.secrets.master-key must be the base64 of 32 random bytes, "
                    + "e.g. the output of: head -c 32 /dev/urandom | base64");
        }
        return key;
    }

    private byte[] fromFile() {
        Path file = Path.of(dataDir, "keys", "master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply
            }
            LOG.warning(() -> "Generated the installation's master key in " + file.toAbsolutePath()
                    + ". Back it up with the database; set openvisit.secrets.master-key instead when several nodes run.");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }
}
