#include "model/LstmModel.h"

#include <algorithm>
#include <cmath>

namespace jazz::model {

namespace {

float uniform(std::mt19937& rng, float limit) {
    // 24 random bits -> [0, 1), identical on every platform (unlike std distributions).
    const float u = float(rng() >> 8) / float(1u << 24);
    return (2.f * u - 1.f) * limit;
}

double normal(std::mt19937& rng) {
    const double u1 = (double(rng() >> 5) + 1.0) / double(1u << 27);
    const double u2 = double(rng() >> 5) / double(1u << 27);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

void glorot(std::vector<float>& w, int fanIn, int fanOut, std::mt19937& rng) {
    const float limit = std::sqrt(6.f / float(fanIn + fanOut));
    w.resize(size_t(fanIn) * size_t(fanOut));
    for (float& x : w)
        x = uniform(rng, limit);
}

// Keras's Orthogonal for a rows x cols matrix with rows < cols: orthonormal rows, made by
// orthonormalizing (Gram-Schmidt) random normal vectors.
void orthogonal(std::vector<float>& w, int rows, int cols, std::mt19937& rng) {
    std::vector<std::vector<double>> v(size_t(rows), std::vector<double>(size_t(cols), 0.0));
    for (auto& row : v)
        for (double& x : row)
            x = normal(rng);
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < i; ++j) {
            double dot = 0;
            for (int k = 0; k < cols; ++k)
                dot += v[i][k] * v[j][k];
            for (int k = 0; k < cols; ++k)
                v[i][k] -= dot * v[j][k];
        }
        double norm = 0;
        for (double x : v[i])
            norm += x * x;
        norm = std::sqrt(norm);
        for (double& x : v[i])
            x /= norm;
    }
    w.resize(size_t(rows) * size_t(cols));
    for (int i = 0; i < rows; ++i)
        for (int k = 0; k < cols; ++k)
            w[size_t(i) * size_t(cols) + size_t(k)] = float(v[i][k]);
}

inline float sigmoid(float x) { return 1.f / (1.f + std::exp(-x)); }

} // namespace

LstmModel LstmModel::initialized(const ModelConfig& config, uint32_t seed) {
    LstmModel m;
    m.config = config;
    std::mt19937 rng(seed);
    const int g = 4 * config.nA;
    glorot(m.kernel, config.nValues, g, rng);
    orthogonal(m.recurrent, config.nA, g, rng);
    m.bias.assign(size_t(g), 0.f);
    std::fill(m.bias.begin() + config.nA, m.bias.begin() + 2 * config.nA, 1.f);
    glorot(m.dense, config.nA, config.nValues, rng);
    m.denseBias.assign(size_t(config.nValues), 0.f);
    if (config.nCond > 0) // Glorot-uniform, as a Keras kernel for this input alone
        glorot(m.condKernel, config.nCond, g, rng);
    return m;
}

int64_t LstmModel::parameterCount() const {
    return int64_t(kernel.size() + recurrent.size() + bias.size() + dense.size() +
                   denseBias.size() + condKernel.size());
}

void step(const LstmModel& m, int x, LstmState& s, std::vector<float>& probabilities,
          const float* conditions) {
    const int nA = m.config.nA, g = 4 * nA, nV = m.config.nValues;
    std::vector<float> z(m.bias);
    if (x >= 0) {
        const float* row = &m.kernel[size_t(x) * size_t(g)];
        for (int k = 0; k < g; ++k)
            z[size_t(k)] += row[k];
    }
    if (conditions)
        for (int k = 0; k < m.config.nCond; ++k)
            if (const float e = conditions[k]; e != 0.f) {
                const float* row = &m.condKernel[size_t(k) * size_t(g)];
                for (int q = 0; q < g; ++q)
                    z[size_t(q)] += e * row[q];
            }
    for (int j = 0; j < nA; ++j) {
        const float hj = s.h[size_t(j)];
        const float* row = &m.recurrent[size_t(j) * size_t(g)];
        for (int k = 0; k < g; ++k)
            z[size_t(k)] += hj * row[k];
    }
    for (int j = 0; j < nA; ++j) {
        const float i = sigmoid(z[size_t(j)]);
        const float f = sigmoid(z[size_t(nA + j)]);
        const float c = std::tanh(z[size_t(2 * nA + j)]);
        const float o = sigmoid(z[size_t(3 * nA + j)]);
        s.c[size_t(j)] = f * s.c[size_t(j)] + i * c;
        s.h[size_t(j)] = o * std::tanh(s.c[size_t(j)]);
    }
    probabilities.assign(m.denseBias.begin(), m.denseBias.end());
    for (int j = 0; j < nA; ++j) {
        const float hj = s.h[size_t(j)];
        const float* row = &m.dense[size_t(j) * size_t(nV)];
        for (int v = 0; v < nV; ++v)
            probabilities[size_t(v)] += hj * row[v];
    }
    const float top = *std::max_element(probabilities.begin(), probabilities.end());
    float sum = 0;
    for (float& p : probabilities) {
        p = std::exp(p - top);
        sum += p;
    }
    for (float& p : probabilities)
        p /= sum;
}

} // namespace jazz::model
