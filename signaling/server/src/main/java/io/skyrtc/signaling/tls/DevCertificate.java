package io.skyrtc.signaling.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate of {@code serve --dev --tls}: EC P-256, for localhost, 127.0.0.1 and ::1
 * (and the configured host), valid a year. Kept as PEM under a data directory and reused while it has
 * more than a week left, so a browser told to trust it once keeps trusting it.
 */
public final class DevCertificate {
    static final String CERT = "dev-cert.pem";
    static final String KEY = "dev-key.pem";
    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(7);

    /** The files and the certificate's SHA-256 fingerprint (as browsers show it: hex pairs with colons). */
    public record DevFiles(Path certFile, Path keyFile, String sha256, boolean created) {}

    private DevCertificate() {}

    /** Reuses {@code dir}'s certificate or makes one; {@code hosts}: extra names/IPs it must cover. */
    public static DevFiles ensure(Path dir, List<String> hosts) {
        Path cert = dir.resolve(CERT);
        Path key = dir.resolve(KEY);
        try {
            if (Files.isReadable(cert) && Files.isReadable(key)) {
                X509Certificate existing = (X509Certificate) PemKeyStore.certificates(cert)[0];
                if (existing.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
                    return new DevFiles(cert, key, fingerprint(existing), false);
                }
            }
            Files.createDirectories(dir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            X509Certificate c = selfSigned(pair, hosts);
            Files.writeString(cert, pem(c), StandardCharsets.US_ASCII);
            // PKCS#8 ("PRIVATE KEY"), as certbot writes privkey.pem
            Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null)),
                    StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the key stays as the file system allows
            }
            return new DevFiles(cert, key, fingerprint(c), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dev TLS certificate under " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the dev TLS certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate selfSigned(KeyPair pair, List<String> hosts) throws IOException, GeneralSecurityException,
            OperatorCreationException {
        X500Name name = new X500Name("CN=skyrtc dev");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        all.addAll(hosts);
        GeneralName[] names = all.stream().filter(h -> h != null && !h.isEmpty() && !h.equals("0.0.0.0"))
                .map(h -> new GeneralName(h.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, h))
                .toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    /** SHA-256 of the DER certificate, {@code AB:CD:...}. */
    public static String fingerprint(X509Certificate c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return w.toString();
    }

}
