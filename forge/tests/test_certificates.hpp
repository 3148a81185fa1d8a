// Certificates for the Forge's https tests, made in the test with OpenSSL's API (no files, no
// `openssl` program): a certificate authority of the test's own, server certificates it signs for
// the names a test asks (IP addresses and DNS names), and a self-signed one, as a man in the
// middle would present. EC P-256 keys, valid from an hour ago for a day.
#pragma once

#include <string>
#include <vector>

namespace wstudio::forge::test {

struct PemCertificate {
  std::string certificate;  // PEM
  std::string privateKey;   // PEM (PKCS#8)
};

class TestCertificateAuthority {
 public:
  explicit TestCertificateAuthority(const std::string& commonName);

  // The authority's own certificate, as a client's trust bundle holds it.
  const std::string& pem() const { return self_.certificate; }
  // A server certificate for `names` ("127.0.0.1", "localhost"), signed by this authority.
  PemCertificate issue(const std::vector<std::string>& names) const;

 private:
  PemCertificate self_;
};

// A server certificate for `names` signed by its own key: trusted by nobody.
PemCertificate selfSignedCertificate(const std::vector<std::string>& names);

}  // namespace wstudio::forge::test
