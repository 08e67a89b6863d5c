#include "model/LstmKernels.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>

// One build for every x86-64 machine, the widest vectors picked at load time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(JAZZ_NO_MULTIVERSION)
#define JAZZ_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define JAZZ_MULTIVERSION
#endif

namespace jazz::model {

namespace {

// exp(x) for floats, Cephes' polynomial after range reduction; relative error about 2e-7.
// Written without library calls so that loops over it vectorize.
inline float fastExp(float x) {
    x = std::clamp(x, -87.0f, 88.0f);
    const float magic = 12582912.f; // 1.5 * 2^23: adding it rounds to an integer
    const float n = (x * 1.44269504088896341f + magic) - magic;
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.f;
    const int32_t bits = (int32_t(n) + 127) << 23;
    return p * std::bit_cast<float>(bits);
}

inline float fastSigmoid(float x) { return 1.f / (1.f + fastExp(-x)); }
inline float fastTanh(float x) { return 2.f / (1.f + fastExp(-2.f * x)) - 1.f; }

// GCC/Clang vector extension: 16 floats, loadable from any float address. Each compiled
// variant lowers it to its own registers (one zmm, two ymm or four xmm).
typedef float v16 __attribute__((vector_size(64), aligned(4)));

// A register-blocked tile: MR rows by 32 columns of C kept in registers while k runs.
// a(i, k) = A[i * sai + k * sak], so one kernel serves A and A transposed.
template <int MR>
__attribute__((always_inline)) inline void tile(int K, const float* __restrict A, ptrdiff_t sai,
                                                ptrdiff_t sak, const float* __restrict B, int ldb,
                                                float* __restrict C, int ldc, bool accumulate) {
    v16 c0[MR], c1[MR];
    for (int r = 0; r < MR; ++r) {
        c0[r] = accumulate ? *(const v16*)(C + r * ldc) : v16{};
        c1[r] = accumulate ? *(const v16*)(C + r * ldc + 16) : v16{};
    }
    for (int k = 0; k < K; ++k) {
        const float* b = B + size_t(k) * ldb;
        const v16 b0 = *(const v16*)(b), b1 = *(const v16*)(b + 16);
        const float* a = A + k * sak;
        for (int r = 0; r < MR; ++r) {
            const float ar = a[r * sai];
            c0[r] += ar * b0;
            c1[r] += ar * b1;
        }
    }
    for (int r = 0; r < MR; ++r) {
        *(v16*)(C + r * ldc) = c0[r];
        *(v16*)(C + r * ldc + 16) = c1[r];
    }
}

// Rows and columns that do not fill a tile: one row at a time, 16 columns per vector where
// they fit. Callers pad their hot matrices so that this stays off the hot path.
__attribute__((always_inline)) inline void edge(int M, int N, int K, const float* A,
                                                ptrdiff_t sai, ptrdiff_t sak, const float* B,
                                                int ldb, float* C, int ldc, bool accumulate) {
    for (int i = 0; i < M; ++i) {
        int j = 0;
        for (; j + 16 <= N; j += 16) {
            v16 acc = accumulate ? *(const v16*)(C + i * ldc + j) : v16{};
            for (int k = 0; k < K; ++k)
                acc += A[i * sai + k * sak] * *(const v16*)(B + size_t(k) * ldb + j);
            *(v16*)(C + i * ldc + j) = acc;
        }
        for (; j < N; ++j) {
            float sum = accumulate ? C[i * ldc + j] : 0.f;
            for (int k = 0; k < K; ++k)
                sum += A[i * sai + k * sak] * B[size_t(k) * ldb + j];
            C[i * ldc + j] = sum;
        }
    }
}

// C (M x N) = [C +] op(A) (M x K) * B (K x N), row-major; op(A)(i, k) = A[i * sai + k * sak].
template <int MR>
__attribute__((always_inline)) inline void gemmBody(int M, int N, int K, const float* A,
                                                    ptrdiff_t sai, ptrdiff_t sak, const float* B,
                                                    int ldb, float* C, int ldc, bool accumulate) {
    constexpr int NR = 32;
    const int Mb = M - M % MR, Nb = N - N % NR;
    for (int i = 0; i < Mb; i += MR) {
        for (int j = 0; j < Nb; j += NR)
            tile<MR>(K, A + i * sai, sai, sak, B + j, ldb, C + size_t(i) * ldc + j, ldc,
                     accumulate);
        if (Nb < N)
            edge(MR, N - Nb, K, A + i * sai, sai, sak, B + Nb, ldb, C + size_t(i) * ldc + Nb,
                 ldc, accumulate);
    }
    if (Mb < M)
        edge(M - Mb, N, K, A + Mb * sai, sai, sak, B, ldb, C + size_t(Mb) * ldc, ldc, accumulate);
}

JAZZ_MULTIVERSION
void gemm(int M, int N, int K, const float* A, ptrdiff_t sai, ptrdiff_t sak, const float* B,
          int ldb, float* C, int ldc, bool accumulate) {
    gemmBody<4>(M, N, K, A, sai, sak, B, ldb, C, ldc, accumulate);
}

// C (M x N) = A (M x K) * B (K x N).
inline void gemmNN(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                   float* C, int ldc, bool accumulate) {
    gemm(M, N, K, A, lda, 1, B, ldb, C, ldc, accumulate);
}

// C (K x N) = A^T * B for A (R x K), B (R x N).
inline void gemmTN(int R, int K, int N, const float* A, const float* B, float* C) {
    gemm(K, N, R, A, 1, K, B, N, C, N, false);
}

void transpose(int rows, int cols, const float* in, float* out) {
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            out[size_t(c) * rows + size_t(r)] = in[size_t(r) * cols + size_t(c)];
}

// Adds bias and the input's kernel row, then applies the gate nonlinearities in place.
JAZZ_MULTIVERSION
void activateGates(int nA, float* __restrict z, const float* __restrict bias,
                   const float* __restrict krow, const float* __restrict crow) {
    const int G = 4 * nA;
    if (krow)
        for (int j = 0; j < G; ++j)
            z[j] += bias[j] + krow[j];
    else
        for (int j = 0; j < G; ++j)
            z[j] += bias[j];
    if (crow) // the step conditions' share, computed for all steps at once
        for (int j = 0; j < G; ++j)
            z[j] += crow[j];
    for (int j = 0; j < 2 * nA; ++j)
        z[j] = fastSigmoid(z[j]);
    for (int j = 2 * nA; j < 3 * nA; ++j)
        z[j] = fastTanh(z[j]);
    for (int j = 3 * nA; j < G; ++j)
        z[j] = fastSigmoid(z[j]);
}

JAZZ_MULTIVERSION
void cellForward(int nA, const float* __restrict g, const float* __restrict cPrev,
                 float* __restrict cNext, float* __restrict tc, float* __restrict h) {
    for (int j = 0; j < nA; ++j) {
        cNext[j] = g[nA + j] * cPrev[j] + g[j] * g[2 * nA + j];
        tc[j] = fastTanh(cNext[j]);
        h[j] = g[3 * nA + j] * tc[j];
    }
}

JAZZ_MULTIVERSION
void cellBackward(int nA, const float* __restrict g, const float* __restrict cPrev,
                  const float* __restrict tc, const float* __restrict dHout,
                  const float* __restrict dhNext, float* __restrict dc, float* __restrict dz) {
    for (int j = 0; j < nA; ++j) {
        const float i = g[j], f = g[nA + j], gg = g[2 * nA + j], o = g[3 * nA + j];
        const float dh = dHout[j] + dhNext[j];
        const float dC = dc[j] + dh * o * (1.f - tc[j] * tc[j]);
        dz[j] = dC * gg * i * (1.f - i);
        dz[nA + j] = dC * cPrev[j] * f * (1.f - f);
        dz[2 * nA + j] = dC * i * (1.f - gg * gg);
        dz[3 * nA + j] = dh * tc[j] * o * (1.f - o);
        dc[j] = dC * f;
    }
}

// Softmax of one row in place (bias added first); returns the sum of the exponentials, the
// row holding the unnormalized exponentials, and the argmax of the logits.
JAZZ_MULTIVERSION
float softmaxRow(int n, float* __restrict p, const float* __restrict bias, int* argmax) {
    float top = -INFINITY;
#pragma omp simd reduction(max : top)
    for (int v = 0; v < n; ++v) {
        p[v] += bias[v];
        top = std::max(top, p[v]);
    }
    int arg = 0;
    while (p[arg] != top)
        ++arg;
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int v = 0; v < n; ++v) {
        p[v] = fastExp(p[v] - top);
        sum += p[v];
    }
    *argmax = arg;
    return sum;
}

// dst[j] += sum over rows of src[r][j] (n columns, rows of stride ld).
JAZZ_MULTIVERSION
void addRows(int rows, int n, const float* __restrict src, int ld, float* __restrict dst) {
    for (int r = 0; r < rows; ++r) {
        const float* s = src + size_t(r) * ld;
        for (int j = 0; j < n; ++j)
            dst[j] += s[j];
    }
}

JAZZ_MULTIVERSION
void addRow(int n, const float* __restrict src, float* __restrict dst) {
    for (int j = 0; j < n; ++j)
        dst[j] += src[j];
}

} // namespace

LstmWorkspace::LstmWorkspace(const LstmShape& s) : s_(s), nVp_((s.nV + 31) / 32 * 32) {
    const size_t B = size_t(s.B), T = size_t(s.T), A = size_t(s.nA), V = size_t(nVp_);
    gates_.resize(T * B * 4 * A);
    c_.resize((T + 1) * B * A);
    h_.resize((T + 1) * B * A);
    tanhC_.resize(T * B * A);
    probs_.resize(T * B * V);
    dHout_.resize(T * B * A);
    dZ_.resize(T * B * 4 * A);
    dh_.resize(B * A);
    dc_.resize(B * A);
    rT_.resize(4 * A * A);
    wT_.assign(V * A, 0.f);
    wPad_.assign(A * V, 0.f);
    dWPad_.resize(A * V);
    if (s.nC > 0) {
        condT_.resize(T * B * size_t(s.nC));
        condZ_.resize(T * B * 4 * A);
    }
}

double LstmWorkspace::run(const LstmTensors& p, const int* x, const int* y, const float* cond,
                          const LstmTensors* grads, int* correct, int* targets, int batchTotal,
                          const DropoutSpec* dropout) {
    const int B = s_.B, T = s_.T, nA = s_.nA, nV = s_.nV, nVp = nVp_, G = 4 * nA, nC = s_.nC;
    // The conditions do not depend on the state: their gate inputs for every step and sample
    // are one product, rows in [t][b] order like the gates.
    if (nC > 0) {
        for (int t = 0; t < T; ++t)
            for (int b = 0; b < B; ++b)
                std::copy_n(cond + (size_t(b) * T + size_t(t)) * nC, nC,
                            &condT_[(size_t(t) * B + size_t(b)) * nC]);
        gemmNN(T * B, G, nC, condT_.data(), nC, p.condKernel, G, condZ_.data(), G, false);
    }
    // The vocabulary dimension is padded to whole tiles with zero columns.
    for (int a = 0; a < nA; ++a)
        std::copy(p.dense + size_t(a) * nV, p.dense + size_t(a + 1) * nV,
                  &wPad_[size_t(a) * nVp]);
    std::fill(c_.begin(), c_.begin() + B * nA, 0.f);
    std::fill(h_.begin(), h_.begin() + B * nA, 0.f);
    for (int t = 0; t < T; ++t) {
        float* z = &gates_[size_t(t) * B * G];
        if (t == 0) // the initial state is zero: nothing to multiply
            std::fill(z, z + size_t(B) * G, 0.f);
        else
            gemmNN(B, G, nA, &h_[size_t(t) * B * nA], nA, p.recurrent, G, z, G, false);
        for (int b = 0; b < B; ++b) {
            const int xv = x[size_t(b) * T + size_t(t)];
            activateGates(nA, z + size_t(b) * G, p.bias,
                          xv >= 0 ? p.kernel + size_t(xv) * G : nullptr,
                          nC > 0 ? &condZ_[(size_t(t) * B + size_t(b)) * G] : nullptr);
            const size_t q = size_t(b) * nA;
            cellForward(nA, z + size_t(b) * G, &c_[size_t(t) * B * nA + q],
                        &c_[size_t(t + 1) * B * nA + q], &tanhC_[size_t(t) * B * nA + q],
                        &h_[size_t(t + 1) * B * nA + q]);
        }
    }
    // The Dense layer over all steps at once.
    const float* H = &h_[size_t(B) * nA];
    // Steps after the last target (the notebook's final step has none) need no Dense output.
    int steps = 0;
    for (int t = 0; t < T; ++t)
        for (int b = 0; b < B; ++b)
            if (y[size_t(b) * T + size_t(t)] >= 0)
                steps = t + 1;
    // Dropout: the Dense layer reads a masked copy of the hidden states.
    const size_t outputs = size_t(steps) * B * nA;
    const bool drop = grads && dropout && dropout->rate > 0;
    if (drop) {
        mask_.resize(outputs);
        hDrop_.resize(outputs);
        const float keep = 1.f / (1.f - dropout->rate);
        const uint32_t threshold = uint32_t(double(dropout->rate) * 4294967296.0);
        uint64_t state = dropout->seed;
        for (size_t i = 0; i < outputs; ++i) {
            // splitmix64: fast, and a different stream for every seed
            uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            z ^= z >> 31;
            mask_[i] = uint32_t(z >> 32) < threshold ? 0.f : keep;
            hDrop_[i] = H[i] * mask_[i];
        }
        H = hDrop_.data();
    }
    std::fill(probs_.begin() + size_t(steps) * B * nVp, probs_.end(), 0.f);
    gemmNN(steps * B, nVp, nA, H, nA, wPad_.data(), nVp, probs_.data(), nVp, false);
    double loss = 0;
    // The loss is a mean over the whole batch, of which these rows may be a part.
    const int total = batchTotal > 0 ? batchTotal : B;
    const float invB = 1.f / float(total);
    for (int t = 0; t < steps; ++t)
        for (int b = 0; b < B; ++b) {
            float* row = &probs_[(size_t(t) * B + size_t(b)) * nVp];
            int arg = 0;
            const float sum = softmaxRow(nV, row, p.denseBias, &arg);
            std::fill(row + nV, row + nVp, 0.f); // padding carries no gradient
            const int target = y[size_t(b) * T + size_t(t)];
            if (target < 0) {
                std::fill(row, row + nV, 0.f); // no target: no loss, no gradient
                continue;
            }
            const float scale = invB / sum;
            for (int v = 0; v < nV; ++v)
                row[v] *= scale; // probability / B: the start of dLoss/dLogits
            const double py = std::clamp(double(row[target]) * total, 1e-7, 1 - 1e-7);
            loss -= std::log(py) / total;
            row[target] -= invB;
            ++*targets;
            *correct += arg == target;
        }
    if (!grads)
        return loss;

    gemmTN(steps * B, nA, nVp, H, probs_.data(), dWPad_.data());
    for (int a = 0; a < nA; ++a)
        std::copy(&dWPad_[size_t(a) * nVp], &dWPad_[size_t(a) * nVp] + nV,
                  grads->dense + size_t(a) * nV);
    std::fill(grads->denseBias, grads->denseBias + nV, 0.f);
    addRows(steps * B, nV, probs_.data(), nVp, grads->denseBias);
    transpose(nA, nVp, wPad_.data(), wT_.data());
    std::fill(dHout_.begin() + size_t(steps) * B * nA, dHout_.end(), 0.f);
    gemmNN(steps * B, nA, nVp, probs_.data(), nVp, wT_.data(), nA, dHout_.data(), nA, false);
    if (drop)
        for (size_t i = 0; i < outputs; ++i)
            dHout_[i] *= mask_[i];

    transpose(nA, G, p.recurrent, rT_.data());
    std::fill(dh_.begin(), dh_.end(), 0.f);
    std::fill(dc_.begin(), dc_.end(), 0.f);
    for (int t = T - 1; t >= 0; --t) {
        float* dz = &dZ_[size_t(t) * B * G];
        for (int b = 0; b < B; ++b) {
            const size_t q = size_t(b) * nA;
            cellBackward(nA, &gates_[(size_t(t) * B + size_t(b)) * G], &c_[size_t(t) * B * nA + q],
                         &tanhC_[size_t(t) * B * nA + q], &dHout_[size_t(t) * B * nA + q],
                         &dh_[q], &dc_[q], dz + size_t(b) * G);
        }
        if (t > 0)
            gemmNN(B, nA, G, dz, G, rT_.data(), nA, dh_.data(), nA, false);
    }
    // h[0] is zero, so the first step adds nothing to the recurrent weights' gradient.
    gemmTN((T - 1) * B, nA, G, &h_[size_t(B) * nA], &dZ_[size_t(B) * G], grads->recurrent);
    std::fill(grads->bias, grads->bias + G, 0.f);
    addRows(T * B, G, dZ_.data(), G, grads->bias);
    if (nC > 0)
        gemmTN(T * B, nC, G, condT_.data(), dZ_.data(), grads->condKernel);
    // The one-hot input's gradient: each step's dZ row lands on its value's kernel row.
    std::fill(grads->kernel, grads->kernel + size_t(nV) * G, 0.f);
    for (int t = 0; t < T; ++t)
        for (int b = 0; b < B; ++b)
            if (const int xv = x[size_t(b) * T + size_t(t)]; xv >= 0)
                addRow(G, &dZ_[(size_t(t) * B + size_t(b)) * G], grads->kernel + size_t(xv) * G);
    return loss;
}

} // namespace jazz::model
