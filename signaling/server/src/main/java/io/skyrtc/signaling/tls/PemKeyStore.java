package io.skyrtc.signaling.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A certificate chain and its private key from PEM files, as Let's Encrypt writes them
 * ({@code fullchain.pem}, {@code privkey.pem}): the key may be PKCS#8, PKCS#1 (RSA) or SEC1 (EC),
 * unencrypted. The result is an in-memory key store for Jetty.
 */
public final class PemKeyStore {
    static final String ALIAS = "skyrtc";
    /** The in-memory store's password; it never leaves the process. */
    static final String PASSWORD = "skyrtc";

    private PemKeyStore() {}

    /** A key store holding the chain and key; an unreadable or unparseable file is an exception naming it. */
    public static KeyStore load(Path certFile, Path keyFile) {
        Certificate[] chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, PASSWORD.toCharArray(), chain);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("server.tls: the key in " + keyFile + " does not fit the certificate in "
                    + certFile + ": " + e.getMessage(), e);
        }
    }

    static Certificate[] certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("server.tls.certFile " + file + " holds no PEM certificate");
            }
            return certs.toArray(Certificate[]::new);
        } catch (IOException e) {
            throw new IllegalArgumentException("server.tls.certFile " + file + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("server.tls.certFile " + file + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
            throw new IllegalArgumentException("server.tls.keyFile " + file
                    + " holds no unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        } catch (IOException e) {
            throw new IllegalArgumentException("server.tls.keyFile " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
