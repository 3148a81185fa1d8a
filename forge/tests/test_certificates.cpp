#include "test_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <memory>
#include <stdexcept>

namespace wstudio::forge::test {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

Key newKey() {
  Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  check(key != nullptr, "EC key generation");
  return key;
}

std::string pemOf(X509* certificate) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  check(PEM_write_bio_X509(out.get(), certificate) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string pemOf(EVP_PKEY* key) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  check(PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PEM_write_bio_PrivateKey");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Key keyOf(const std::string& pem) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  Key key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  check(key != nullptr, "PEM_read_bio_PrivateKey");
  return key;
}

Certificate certificateOf(const std::string& pem) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  Certificate certificate(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr), &X509_free);
  check(certificate != nullptr, "PEM_read_bio_X509");
  return certificate;
}

void addExtension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  check(extension != nullptr, "X509V3_EXT_conf_nid");
  X509_add_ext(certificate, extension, -1);
  X509_EXTENSION_free(extension);
}

std::string subjectAltNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    const bool ip = name.find_first_not_of("0123456789.") == std::string::npos;
    if (!text.empty()) text.append(",");
    text.append(ip ? "IP:" : "DNS:").append(name);
  }
  return text;
}

// A certificate for `key` named `commonName`, signed by `issuerKey` as `issuer` (itself when null).
PemCertificate make(const std::string& commonName, const std::vector<std::string>& names, bool authority, EVP_PKEY* key,
                    X509* issuer, EVP_PKEY* issuerKey) {
  static std::atomic<long> serial{1};
  Certificate certificate(X509_new(), &X509_free);
  X509* c = certificate.get();
  check(X509_set_version(c, 2) == 1, "X509_set_version");
  ASN1_INTEGER_set(X509_get_serialNumber(c), serial++);
  X509_gmtime_adj(X509_getm_notBefore(c), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c), 86400);
  check(X509_set_pubkey(c, key) == 1, "X509_set_pubkey");
  X509_NAME_add_entry_by_txt(X509_get_subject_name(c), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : c;
  check(X509_set_issuer_name(c, X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");
  addExtension(c, signer, NID_subject_key_identifier, "hash");
  addExtension(c, signer, NID_authority_key_identifier, "keyid:always");
  if (authority) {
    addExtension(c, signer, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(c, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    addExtension(c, signer, NID_basic_constraints, "critical,CA:FALSE");
    addExtension(c, signer, NID_key_usage, "critical,digitalSignature");
    addExtension(c, signer, NID_ext_key_usage, "serverAuth");
    addExtension(c, signer, NID_subject_alt_name, subjectAltNames(names));
  }
  check(X509_sign(c, issuerKey != nullptr ? issuerKey : key, EVP_sha256()) > 0, "X509_sign");
  return PemCertificate{pemOf(c), pemOf(key)};
}

}  // namespace

TestCertificateAuthority::TestCertificateAuthority(const std::string& commonName) {
  const Key key = newKey();
  self_ = make(commonName, {}, true, key.get(), nullptr, nullptr);
}

PemCertificate TestCertificateAuthority::issue(const std::vector<std::string>& names) const {
  const Key key = newKey();
  const Key authorityKey = keyOf(self_.privateKey);
  const Certificate authority = certificateOf(self_.certificate);
  return make(names.empty() ? "server" : names.front(), names, false, key.get(), authority.get(), authorityKey.get());
}

PemCertificate selfSignedCertificate(const std::vector<std::string>& names) {
  const Key key = newKey();
  return make(names.empty() ? "server" : names.front(), names, false, key.get(), nullptr, nullptr);
}

}  // namespace wstudio::forge::test
