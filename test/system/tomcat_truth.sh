#!/bin/bash
# Truth test for Tomcat: Debian's tomcat10 on openjdk-17, one JVM per
# configuration, each with its own CATALINA_BASE and an HTTPS connector on
# 127.0.0.1 using a PKCS12 keystore from the throwaway PKI of the other truth
# tests, inside a private network namespace with the `openssl ocsp`
# responders. `openssl s_client -status` says whether the JVM staples, and
# staplint's verdict for the connector, and the findings it must report, must
# agree. The OpenSSL implementation is judged statically only: Debian 12's
# libtcnative-1 is 1.2.35, older than the 1.3 that Tomcat 10.1 requires.
# Every JVM is stopped by PID, with bounded waits.
#   tomcat_truth.sh STAPLINT
set -u
if [ -z "${STAPLINT_IN_NETNS:-}" ]; then
  exec unshare -n env STAPLINT_IN_NETNS=1 bash "$0" "$@"
fi
ip link set lo up || { echo "cannot bring up loopback in the namespace"; exit 1; }
st=$(readlink -f "$1")
home=/usr/share/tomcat10
[ -x "$home/bin/catalina.sh" ] || { echo "tomcat10 is not installed"; exit 1; }
command -v java >/dev/null || { echo "java is not installed"; exit 1; }

work=$(mktemp -d)
. "$(dirname "$(readlink -f "$0")")/lib/processes.sh"
trap 'stop_started "$work"' EXIT
. "$(dirname "$(readlink -f "$0")")/lib/ocsp_pki.sh"
pki=$work/pki; mkdir -p "$pki"
make_ocsp_pki "$pki" 18871 18872 || exit 1
openssl pkcs12 -export -in "$pki/ip.pem" -inkey "$pki/ip.key" -certfile "$pki/inter.pem" \
  -name tomcat -out "$pki/chain.p12" -passout pass:changeit || exit 1
openssl pkcs12 -export -in "$pki/ip.pem" -inkey "$pki/ip.key" \
  -name tomcat -out "$pki/leaf.p12" -passout pass:changeit || exit 1
for k in noocsp muststaple; do
  openssl pkcs12 -export -in "$pki/$k.pem" -inkey "$pki/$k.key" -certfile "$pki/inter.pem" \
    -name tomcat -out "$pki/$k.p12" -passout pass:changeit || exit 1
done
# A truststore of the intermediate and the root, for client certificates.
for ca in inter root; do
  keytool -importcert -noprompt -alias "$ca" -file "$pki/$ca.pem" -keystore "$pki/trust.p12" \
    -storetype PKCS12 -storepass changeit >/dev/null 2>&1 || exit 1
done

switch="-Djdk.tls.server.enableStatusRequestExtension=true"
# name | wire (staple/none/static) | staplint's connector verdict | what staplint
# cannot see, or "-" | findings it must report, or "-" | keystore | connector
# attributes | setenv.sh body ("\n" between lines) | conf/stapling.security body |
# a line added to conf/catalina.properties (a copy of Debian's)
cases=(
"switch-in-setenv|staple|on|-|-|chain.p12||CATALINA_OPTS=\"\$CATALINA_OPTS $switch\"|"
"no-switch|none|off|-|SL1001|chain.p12||CATALINA_OPTS=\"\$CATALINA_OPTS -Xmx256m\"|"
"guide-java-security-recipe|none|ineffective|-|SL1001,SL1101|chain.p12||CATALINA_OPTS=\"\$CATALINA_OPTS -Djava.security.properties=\$CATALINA_BASE/conf/stapling.security\"|jdk.tls.ocsp.enable=true"
"switch-inside-java-security|none|ineffective|-|SL1001,SL1102|chain.p12||CATALINA_OPTS=\"\$CATALINA_OPTS -Djava.security.properties=\$CATALINA_BASE/conf/stapling.security\"|jdk.tls.server.enableStatusRequestExtension=true"
"bare-property-line-in-shell|none|ineffective|-|SL1001,SL1104|chain.p12||jdk.tls.ocsp.enable=true|"
"leaf-only-keystore|none|ineffective|-|SL4003|leaf.p12||CATALINA_OPTS=\"\$CATALINA_OPTS $switch\"|"
"certificate-without-ocsp-url|none|ineffective|-|SL4001|noocsp.p12||CATALINA_OPTS=\"\$CATALINA_OPTS $switch\"|"
"no-ocsp-url-responder-uri|staple|on|-|-|noocsp.p12||CATALINA_OPTS=\"\$CATALINA_OPTS $switch -Djdk.tls.stapling.responderURI=http://127.0.0.1:18871/\"|"
"must-staple-no-switch|none|off|-|SL1001,SL4004|muststaple.p12||CATALINA_OPTS=\"\$CATALINA_OPTS -Xmx256m\"|"
"openssl-implementation|static|ineffective|-|SL1014|chain.p12|sslImplementationName=\"org.apache.tomcat.util.net.openssl.OpenSSLImplementation\"|CATALINA_OPTS=\"\$CATALINA_OPTS $switch\"|"
"switch-in-catalina-properties|staple|on|-|-|chain.p12||CATALINA_OPTS=\"\$CATALINA_OPTS -Xmx256m\"||jdk.tls.server.enableStatusRequestExtension=true"
)

# The live column: `staplint probe --against` (TLS 1.3) on the running
# Tomcat, before anything else has connected to it: the live verdict, at
# which handshake the staple came, how it compares with the static verdict,
# and the live rules that fire (ocsp_pki.sh: live_account).
printf '| %-30s | %-6s | %-11s | %-44s | %s |\n' configuration wire verdict "staplint probe --against" \
  "staplint's account"
printf '|%s|%s|%s|%s|%s|\n' "--------------------------------" "--------" "-------------" \
  "----------------------------------------------" "------"
fail=0; port=18600
for c in "${cases[@]}"; do
  IFS='|' read -r name want_wire want_verdict hidden findings keystore attrs setenv security props <<<"$c"
  base=$work/$name; port=$((port + 1))
  mkdir -p "$base/conf" "$base/bin" "$base/logs" "$base/temp" "$base/webapps" "$base/work"
  cp /etc/tomcat10/web.xml "$base/conf/web.xml"   # Tomcat's defaults, read where Debian installs them
  cat > "$base/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="$port" address="127.0.0.1" SSLEnabled="true" $attrs>
      <SSLHostConfig>
        <Certificate certificateKeystoreFile="$pki/$keystore" certificateKeystorePassword="changeit"
                     certificateKeystoreType="PKCS12" type="RSA" />
      </SSLHostConfig>
    </Connector>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false" />
    </Engine>
  </Service>
</Server>
XML
  printf '#!/bin/sh\n%b\n' "$setenv" > "$base/bin/setenv.sh"
  [ -n "$security" ] && printf '%s\n' "$security" > "$base/conf/stapling.security"
  if [ -n "$props" ]; then  # the instance's own catalina.properties replaces the package's
    cp /etc/tomcat10/catalina.properties "$base/conf/catalina.properties"
    printf '%s\n' "$props" >> "$base/conf/catalina.properties"
  fi

  json=$("$st" --format json "$base")
  verdict=$(grep -o '"dialect": "tomcat", [^}]*"stapling": "[a-z]*"' <<<"$json" | head -n 1 | sed 's/.*"stapling": "//; s/"//')
  wire=static; live=-
  if [ "$want_wire" != static ]; then
    CATALINA_HOME=$home CATALINA_BASE=$base CATALINA_PID="" "$home/bin/catalina.sh" run \
      >"$base/logs/out.log" 2>&1 &
    jpid=$!; pids+=($jpid)
    up=no
    for _ in $(seq 1 300); do
      kill -0 "$jpid" 2>/dev/null || break
      timeout 1 bash -c "echo >/dev/tcp/127.0.0.1/$port" 2>/dev/null && { up=yes; break; }
      sleep 0.2
    done
    if [ "$up" = yes ]; then
      "$st" probe --against "$base" --tls 1.3 --attempts 3 --timeout 5 --format json \
        >"$base/live.json" 2>"$base/live.err"
      wire=$(probe_staple "$port" ip.test 8)
      live=$(live_account "$base/live.json" "$wire" "$verdict")
      [[ $live == *WRONG* ]] && { fail=1; sed 's/^/    probe: /' "$base/live.err"; }
    else
      wire="did-not-start"
    fi
    kill "$jpid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$jpid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$jpid" 2>/dev/null
  fi

  account=ok
  if [ "$wire" != "$want_wire" ]; then
    account="UNEXPECTED: the JVM did '$wire', the case expects '$want_wire'"; fail=1
  elif [ "$verdict" != "$want_verdict" ]; then
    account="DISAGREES: verdict '$verdict', expected '$want_verdict'"; fail=1
  elif [ "$hidden" = - ] && [ "$wire" != static ]; then
    predicted=none; [ "$verdict" = on ] && predicted=staple
    [ "$predicted" != "$wire" ] && { account="DISAGREES: verdict '$verdict' but the JVM did '$wire'"; fail=1; }
  elif [ "$hidden" != - ]; then
    account="cannot see $hidden"
  fi
  [ "$wire" = static ] && account="$account (judged statically: tcnative 1.2.35 is too old for Tomcat 10.1)"
  if [ "$findings" != - ]; then
    for f in ${findings//,/ }; do
      if grep -q "\"rule\": \"$f\"" <<<"$json"; then account="$account; reports $f"
      else account="$account; MISSING $f"; fail=1; fi
    done
  fi
  printf '| %-30s | %-6s | %-11s | %-44s | %s |\n' "$name" "$wire" "$verdict" "$live" "$account"
  if [[ $account == *UNEXPECTED* || $account == *DISAGREES* || $account == *MISSING* ]]; then
    grep -iE 'ocsp|stapl|SEVERE|Exception' "$base/logs/out.log" | head -n 5 | sed 's/^/    tomcat: /'
  fi
done
# ---------------------------------------------------------------- client CRLs
# A client certificate issued by the intermediate, certificateVerification
# required against a truststore of the intermediate and the root, with a
# certificateRevocationListFile: the JVM answers the request (any HTTP
# status) or ends the handshake.
# name | expected (answers/refuses) | the finding staplint must report, or "-" | CRL file
crl_cases=(
"crl-expired|refuses|SL4006|$pki/crl-expired.pem"
"crl-issuing-ca-only|answers|-|$pki/crl-inter.pem"
"crl-complete-and-current|answers|-|$pki/crl-complete.pem"
)
echo
printf '| %-30s | %-8s | %s |\n' "client CRL configuration" JVM "staplint's account"
printf '|%s|%s|%s|\n' "--------------------------------" "----------" "------"
for c in "${crl_cases[@]}"; do
  IFS='|' read -r name expected finding crl <<<"$c"
  base=$work/$name; port=$((port + 1))
  mkdir -p "$base/conf" "$base/bin" "$base/logs" "$base/temp" "$base/webapps" "$base/work"
  cp /etc/tomcat10/web.xml "$base/conf/web.xml"
  cat > "$base/conf/server.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="$port" address="127.0.0.1" SSLEnabled="true">
      <SSLHostConfig certificateVerification="required" truststoreFile="$pki/trust.p12"
                     truststorePassword="changeit" truststoreType="PKCS12"
                     certificateRevocationListFile="$crl">
        <Certificate certificateKeystoreFile="$pki/chain.p12" certificateKeystorePassword="changeit"
                     certificateKeystoreType="PKCS12" type="RSA" />
      </SSLHostConfig>
    </Connector>
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false" />
    </Engine>
  </Service>
</Server>
XML
  printf '#!/bin/sh\n' > "$base/bin/setenv.sh"
  json=$("$st" --format json "$base")
  CATALINA_HOME=$home CATALINA_BASE=$base CATALINA_PID="" "$home/bin/catalina.sh" run >"$base/logs/out.log" 2>&1 &
  jpid=$!; pids+=($jpid)
  up=no
  for _ in $(seq 1 300); do
    kill -0 "$jpid" 2>/dev/null || break
    timeout 1 bash -c "echo >/dev/tcp/127.0.0.1/$port" 2>/dev/null && { up=yes; break; }
    sleep 0.2
  done
  status=none
  [ "$up" = yes ] && status=$(probe_client "$port" client.test "$pki/client.pem" "$pki/client.key")
  kill "$jpid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$jpid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$jpid" 2>/dev/null
  got=answers; [ "$status" = none ] && got=refuses
  [ "$up" = yes ] || got=did-not-start
  reported=$(grep -o '"rule": "SL400[0-9]"' <<<"$json" | cut -d'"' -f4 | sort -u | tr '\n' ' ')
  account=$(crl_account "$expected" "$got" "$finding" "$reported") || fail=1
  printf '| %-30s | %-8s | %s |\n' "$name" "$got" "$account"
  grep -oE '(CertPathValidatorException|CRLException|CertificateException)[^)]*' "$base/logs/out.log" | head -n 1 | sed 's/^/    tomcat: /'
done
echo "truth test: $([ $fail = 0 ] && echo ok || echo FAILED) (${#cases[@]} configurations and ${#crl_cases[@]} client CRL configurations)"
exit $fail
