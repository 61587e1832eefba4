# Throwaway certificates for the TLS tests (source after lib.sh), made with openssl under
# $WORK/certs:
#   make_ca                      ca.pem, ca.key: a CA that only these tests trust
#   make_cert NAME SANS [DAYS]   NAME.pem, NAME.key: signed by that CA for SANS
#                                (e.g. "DNS:localhost,IP:127.0.0.1"); DAYS -N: expired N
#                                days ago
CERTS="$WORK/certs"

make_ca() {
  mkdir -p "$CERTS"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=flowhook test CA" -keyout "$CERTS/ca.key" -out "$CERTS/ca.pem" 2>"$CERTS/openssl.err" ||
    { fail "openssl (CA): $(cat "$CERTS/openssl.err")"; finish; }
}

make_cert() {
  local name=$1 sans=$2 days=${3:-2}
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
    -keyout "$CERTS/$name.key" -out "$CERTS/$name.csr" 2>"$CERTS/openssl.err" ||
    { fail "openssl ($name): $(cat "$CERTS/openssl.err")"; finish; }
  if ((days >= 0)); then
    sign_cert "$name" "$sans" -days "$days"
  else
    # Expired |DAYS| days ago. OpenSSL 3.4 and later take explicit dates and refuse a
    # negative -days; 3.0 (Debian 12) knows no -not_after: the one form, else the other.
    sign_cert "$name" "$sans" -not_before "$(date -u -d "$((1 - days)) days ago" +%Y%m%d%H%M%SZ)" \
      -not_after "$(date -u -d "$((-days)) days ago" +%Y%m%d%H%M%SZ)" ||
      sign_cert "$name" "$sans" -days "$days"
  fi || { fail "openssl ($name): $(cat "$CERTS/openssl.err")"; finish; }
}

# sign_cert NAME SANS VALIDITY...: NAME.pem from NAME.csr, signed by the CA, with the openssl
# x509 options VALIDITY; its errors in openssl.err.
sign_cert() {
  local name=$1 sans=$2
  shift 2
  openssl x509 -req -in "$CERTS/$name.csr" -CA "$CERTS/ca.pem" -CAkey "$CERTS/ca.key" \
    -CAcreateserial "$@" -out "$CERTS/$name.pem" \
    -extfile <(printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\n' "$sans") 2>"$CERTS/openssl.err"
}
