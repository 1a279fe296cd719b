// bench keccak: ns per Keccak-256 hash at 32, 64, 136 and 532 bytes, ours beside Crypto++'s
// Keccak_256 and OpenSSL's EVP SHA3-256 (same permutation, reused context), in the same run.
// Each hash feeds its first byte into the next input, so calls cannot overlap. Implementations
// alternate within each repetition so that machine noise hits them alike; figures are medians.
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <cryptopp/keccak.h>

#include "kitsunet/core/keccak.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using Input = std::vector<std::uint8_t>;

struct Ours {
    std::uint8_t hash(const Input& in, std::size_t size) {
        return kitsunet::keccak256({in.data(), size}).bytes[0];
    }
};

struct CryptoPPKeccak {
    CryptoPP::Keccak_256 hasher;
    std::uint8_t hash(const Input& in, std::size_t size) {
        std::uint8_t out[32];
        hasher.Update(in.data(), size);
        hasher.Final(out);
        return out[0];
    }
};

struct OpenSslSha3 {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    OpenSslSha3() = default;
    OpenSslSha3(const OpenSslSha3&) = delete;
    OpenSslSha3& operator=(const OpenSslSha3&) = delete;
    ~OpenSslSha3() { EVP_MD_CTX_free(ctx); }
    std::uint8_t hash(const Input& in, std::size_t size) {
        std::uint8_t out[32];
        unsigned int len = 0;
        EVP_DigestInit_ex(ctx, EVP_sha3_256(), nullptr);
        EVP_DigestUpdate(ctx, in.data(), size);
        EVP_DigestFinal_ex(ctx, out, &len);
        return out[0];
    }
};

// Mean ns per hash over `iterations` chained hashes.
template <class Impl>
double time_once(Impl& impl, Input& in, std::size_t size, long iterations) {
    const auto start = Clock::now();
    for (long i = 0; i < iterations; ++i) in[0] = impl.hash(in, size);
    const std::chrono::duration<double, std::nano> elapsed = Clock::now() - start;
    return elapsed.count() / static_cast<double>(iterations);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Medians {
    double ours, cryptopp, openssl;
};

Medians measure(std::size_t size, int repetitions, long iterations) {
    Input in(size);
    for (std::size_t i = 0; i < size; ++i) in[i] = static_cast<std::uint8_t>(i * 131 + 7);
    Ours ours;
    CryptoPPKeccak cryptopp;
    OpenSslSha3 openssl;
    std::vector<double> t_ours, t_cryptopp, t_openssl;
    for (int r = -1; r < repetitions; ++r) {  // r == -1 warms up and is discarded
        const double a = time_once(ours, in, size, iterations);
        const double b = time_once(cryptopp, in, size, iterations);
        const double c = time_once(openssl, in, size, iterations);
        if (r < 0) continue;
        t_ours.push_back(a);
        t_cryptopp.push_back(b);
        t_openssl.push_back(c);
    }
    return {median(t_ours), median(t_cryptopp), median(t_openssl)};
}

}  // namespace

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::atoi(argv[1]) : 9;
    const long iterations = argc > 2 ? std::atol(argv[2]) : 200000;
    std::printf("keccak: ns/hash, median of %d x %ld hashes\n", repetitions, iterations);
    std::printf("%6s %10s %10s %12s %10s\n", "bytes", "ours", "cryptopp", "openssl-sha3", "ratio");
    std::string ratios;
    for (const std::size_t size : {32UL, 64UL, 136UL, 532UL}) {
        const Medians m = measure(size, repetitions, iterations);
        const double ratio = m.cryptopp / m.ours;
        std::printf("%6zu %10.1f %10.1f %12.1f %9.2fx\n", size, m.ours, m.cryptopp, m.openssl, ratio);
        char part[48];
        std::snprintf(part, sizeof part, " %.2fx (%zu B)", ratio, size);
        ratios += part;
    }
    std::printf("keccak: speed ratio ours/cryptopp (higher is faster):%s\n", ratios.c_str());
}
