#include "generate/Sampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jazz::generate {

int choose(const std::vector<float>& p, const SamplingOptions& o, std::mt19937& rng) {
    if (p.empty())
        return -1;
    if (o.temperature <= 0)
        return int(std::max_element(p.begin(), p.end()) - p.begin());
    if (o.temperature == 1.0 && (o.topK <= 0 || size_t(o.topK) >= p.size())) {
        // The model's own distribution (a collection model's default): no logs or powers.
        double sum = 0;
        for (float x : p)
            sum += double(x);
        const double u = double(rng() >> 5) / double(1u << 27) * sum;
        double acc = 0;
        for (size_t i = 0; i < p.size(); ++i) {
            acc += double(p[i]);
            if (u < acc)
                return int(i);
        }
        for (size_t i = p.size(); i-- > 0;) // rounding left u past the end: the last nonzero
            if (p[i] > 0)
                return int(i);
        return int(p.size()) - 1;
    }
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    size_t keep = p.size();
    if (o.topK > 0 && size_t(o.topK) < p.size()) {
        keep = size_t(o.topK);
        std::partial_sort(order.begin(), order.begin() + long(keep), order.end(),
                          [&](int a, int b) { return p[size_t(a)] > p[size_t(b)]; });
    }
    // Work in logs: p^(1/T) underflows for small T.
    std::vector<double> w(keep);
    double top = -INFINITY;
    for (size_t i = 0; i < keep; ++i) {
        w[i] = std::log(std::max(double(p[size_t(order[i])]), 1e-30)) / o.temperature;
        top = std::max(top, w[i]);
    }
    double sum = 0;
    for (double& x : w) {
        x = std::exp(x - top);
        sum += x;
    }
    const double u = double(rng() >> 5) / double(1u << 27) * sum;
    double acc = 0;
    for (size_t i = 0; i < keep; ++i) {
        acc += w[i];
        if (u < acc)
            return order[i];
    }
    return order[keep - 1];
}

Sampler::Sampler(const model::LstmModel& model, const SamplingOptions& options, std::mt19937& rng)
    : model_(model), options_(options), rng_(rng), state_(model.config.nA) {}

void Sampler::reset() {
    state_ = model::LstmState(model_.config.nA);
    input_ = -1;
}

int Sampler::next(const float* conditions) {
    model::step(model_, input_, state_, probs_, model_.config.nCond > 0 ? conditions : nullptr);
    if (excluded_ >= 0 && excluded_ < int(probs_.size()) && probs_.size() > 1)
        probs_[size_t(excluded_)] = 0; // choose() renormalizes what is left
    input_ = choose(probs_, options_, rng_);
    return input_;
}

std::vector<int> Sampler::sequence(int ty) {
    reset();
    std::vector<int> out;
    for (int i = 0; i < ty; ++i)
        out.push_back(next());
    return out;
}

} // namespace jazz::generate
