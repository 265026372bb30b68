package io.skyrtc.signaling.tokenapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.agora.RtcRole;
import io.skyrtc.tokens.agora.RtcUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vendors.agora[].charset: sdk by default, utf8 on request, anything else refused at load. */
class AgoraCharsetConfigTest {
    static final String APP = "{name: main, appId: 970CA35de60c44645bbae8a215061b33, "
            + "appCertificate: 5CFd2fd1755d40ecb72977518be15d3b";

    static VendorApps.Agora app(String extra) throws Exception {
        SkyrtcConfig c = ConfigLoader.load(null, Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_VENDORS_AGORA",
                "[" + APP + extra + "}]"));
        return new VendorApps(io.skyrtc.signaling.config.FeatureSettings.tokenApi(c.vendors()), TokenEnvironment.system()).agora("main", new io.skyrtc.signaling.http.HttpCall(new byte[0],
                new io.skyrtc.signaling.auth.ApiPrincipal("test", java.util.List.of("agora"), 0, 60, 60), null, null));
    }

    @Test
    void utf8ChannelNamesOnlyWhenTheAppSaysSo() throws Exception {
        assertThatThrownBy(() -> app("").builder().rtc("大厅", RtcUser.uid(1), RtcRole.PUBLISHER, 600, 600))
                .isInstanceOf(TokenException.class).hasMessageContaining("channel: character U+5927");
        assertThat(app(", charset: utf8").builder().rtc("大厅", RtcUser.uid(1), RtcRole.PUBLISHER, 600, 600).token())
                .startsWith("007");
        assertThatThrownBy(() -> app(", charset: latin1")).isInstanceOf(ConfigException.class)
                .hasMessage("vendors.agora[0].charset must be sdk or utf8");
    }
}
