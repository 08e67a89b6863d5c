#include "model/Trainer.h"

#include "Error.h"
#include "model/LstmKernels.h"

#include <torch/torch.h>

#include <chrono>
#include <map>
#include <memory>
#include <thread>
#include <tuple>
#include <cmath>
#include <numeric>

namespace jazz::model {

namespace {

using Clock = std::chrono::steady_clock;

void checkData(const LstmModel& m, const dataset::Dataset& d, const TrainOptions& o) {
    if (d.nValues != m.config.nValues)
        throw Error("dataset has " + std::to_string(d.nValues) + " values but the model " +
                    std::to_string(m.config.nValues));
    if (d.m < 1 || d.tx < 1)
        throw Error("dataset has no training windows");
    if (d.nCond != m.config.nCond)
        throw Error(m.config.nCond > 0
                        ? "the chord-aware model needs the dataset's chord and position inputs"
                        : "the dataset carries chord inputs but the model does not take them");
    if (o.epochs < 0 || o.batchSize < 1)
        throw Error("epochs must be >= 0 and the batch size >= 1");
}

std::vector<int> shuffled(int n, std::mt19937& rng) {
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    for (int i = n - 1; i > 0; --i) {
        const uint32_t limit = uint32_t(i + 1);
        const int j = int(uint32_t(rng()) % limit);
        std::swap(order[size_t(i)], order[size_t(j)]);
    }
    return order;
}

// The batch's forward pass, loss and backward pass as one autograd function over the fused
// kernels: libtorch sees five parameters in and a loss out, and one backward node.
class FusedLstmLoss : public torch::autograd::Function<FusedLstmLoss> {
public:
    // Returns {loss, correct argmaxes, targets}; only the loss carries a gradient.
    // E is the condition kernel (nC x 4nA, nC may be 0) and cond the batch's conditions
    // (B x T x nC).
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor K,
                                 torch::Tensor R, torch::Tensor b, torch::Tensor W,
                                 torch::Tensor c, torch::Tensor E, torch::Tensor x,
                                 torch::Tensor y, torch::Tensor cond, double dropout,
                                 int64_t dropoutSeed) {
        const int B = int(x.size(0)), T = int(x.size(1)), nA = int(R.size(0)), nV = int(W.size(1));
        const int nC = int(E.size(0));
        const LstmTensors params{K.data_ptr<float>(), R.data_ptr<float>(), b.data_ptr<float>(),
                                 W.data_ptr<float>(), c.data_ptr<float>(),
                                 nC > 0 ? E.data_ptr<float>() : nullptr};
        // Samples are independent until their gradients are summed: with two cores, each
        // half of a batch runs on its own thread.
        const int parts = (B >= 16 && std::thread::hardware_concurrency() >= 2) ? 2 : 1;
        std::vector<torch::Tensor> g[2];
        double loss[2] = {0, 0};
        int correct[2] = {0, 0}, targets[2] = {0, 0};
        LstmWorkspace* spaces[2] = {nullptr, nullptr};
        for (int part = 0; part < parts; ++part)
            spaces[part] =
                &workspace(part, {(part + 1) * B / parts - part * B / parts, T, nA, nV, nC});
        auto runPart = [&](int part) {
            const int first = part * B / parts;
            g[part] = {torch::empty_like(K), torch::empty_like(R), torch::empty_like(b),
                       torch::empty_like(W), torch::empty_like(c), torch::zeros_like(E)};
            const LstmTensors grads{g[part][0].data_ptr<float>(), g[part][1].data_ptr<float>(),
                                    g[part][2].data_ptr<float>(), g[part][3].data_ptr<float>(),
                                    g[part][4].data_ptr<float>(),
                                    nC > 0 ? g[part][5].data_ptr<float>() : nullptr};
            const DropoutSpec drop{float(dropout), uint64_t(dropoutSeed) * 2 + uint64_t(part)};
            loss[part] = spaces[part]->run(
                params, x.data_ptr<int>() + size_t(first) * T, y.data_ptr<int>() + size_t(first) * T,
                nC > 0 ? cond.data_ptr<float>() + size_t(first) * T * nC : nullptr, &grads,
                &correct[part], &targets[part], B, &drop);
        };
        if (parts == 2) {
            std::thread helper(runPart, 1);
            runPart(0);
            helper.join();
            for (int k = 0; k < 6; ++k)
                g[0][size_t(k)].add_(g[1][size_t(k)]);
        } else {
            runPart(0);
        }
        ctx->save_for_backward(g[0]);
        return torch::tensor({loss[0] + loss[1], double(correct[0] + correct[1]),
                              double(targets[0] + targets[1])},
                             torch::kFloat64);
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list gradOutput) {
        const auto saved = ctx->get_saved_variables();
        const auto scale = gradOutput[0][0].to(torch::kFloat32);
        return {saved[0] * scale, saved[1] * scale, saved[2] * scale, saved[3] * scale,
                saved[4] * scale, saved[5] * scale, torch::Tensor(), torch::Tensor(),
                torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }

private:
    // The calling training run's buffers (set by train() for the duration of the run).
    static LstmWorkspace& workspace(int part, const LstmShape& s) {
        auto& w = (*currentWorkspaces)[{part, s.B, s.T, s.nA, s.nV, s.nC}];
        if (!w)
            w = std::make_unique<LstmWorkspace>(s);
        return *w;
    }

public:
    using Workspaces =
        std::map<std::tuple<int, int, int, int, int, int>, std::unique_ptr<LstmWorkspace>>;
    static thread_local Workspaces* currentWorkspaces;
};

thread_local FusedLstmLoss::Workspaces* FusedLstmLoss::currentWorkspaces = nullptr;

struct TorchParams {
    torch::Tensor K, R, b, W, c, E; // E: the condition kernel, 0 rows for the notebook's model
    TorchParams(LstmModel& m) {
        const int nV = m.config.nValues, nA = m.config.nA, G = 4 * nA;
        auto param = [](std::vector<float>& v, std::initializer_list<int64_t> shape) {
            return torch::from_blob(v.data(), torch::IntArrayRef(shape), torch::kFloat32)
                .clone()
                .requires_grad_(true);
        };
        K = param(m.kernel, {nV, G});
        R = param(m.recurrent, {nA, G});
        b = param(m.bias, {G});
        W = param(m.dense, {nA, nV});
        c = param(m.denseBias, {nV});
        const int nC = m.config.nCond;
        E = nC > 0 ? param(m.condKernel, {nC, G})
                   : torch::zeros({0, G}, torch::kFloat32).requires_grad_(true);
    }
    std::vector<torch::Tensor> list() const {
        if (E.size(0) > 0)
            return {K, R, b, W, c, E};
        return {K, R, b, W, c};
    }
    void copyTo(LstmModel& m) const {
        auto back = [](const torch::Tensor& t, std::vector<float>& v) {
            const auto cpu = t.detach().contiguous();
            std::copy(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel(), v.begin());
        };
        back(K, m.kernel);
        back(R, m.recurrent);
        back(b, m.bias);
        back(W, m.dense);
        back(c, m.denseBias);
        if (E.size(0) > 0)
            back(E, m.condKernel);
    }
};

torch::optim::Adam makeAdam(const TorchParams& p, const TrainOptions& o) {
    return torch::optim::Adam(p.list(), torch::optim::AdamOptions(o.learningRate)
                                            .betas({o.beta1, o.beta2})
                                            .eps(o.epsilon));
}

// Keras's time decay: lr / (1 + decay * iterations), iterations counted before this step.
double setDecayedRate(torch::optim::Adam& opt, const TrainOptions& o, int64_t iterations) {
    const double lr = o.learningRate / (1 + o.decay * double(iterations));
    for (auto& group : opt.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
    return lr;
}

// Copies B windows into batch buffers (B x T inputs and targets, B x T x nC conditions), the
// b-th being window row(b): shuffled rows for training, consecutive ones for scoring.
template <class Row>
void gatherBatch(const dataset::Dataset& data, int B, Row row, int* x, int* y, float* cond) {
    const int T = data.tx, nC = data.nCond;
    for (int b = 0; b < B; ++b) {
        const int r = row(b);
        for (int t = 0; t < T; ++t) {
            x[size_t(b) * T + size_t(t)] = data.xAt(r, t);
            y[size_t(b) * T + size_t(t)] = data.yAt(t, r);
        }
        if (nC > 0)
            std::copy_n(data.condAt(r, 0), size_t(T) * nC, cond + size_t(b) * T * size_t(nC));
    }
}

// The collection recipe's rate at optimizer step `step` of `total`.
double warmupCosineRate(const TrainOptions& o, int64_t step, int64_t total) {
    if (step < o.warmupSteps)
        return o.learningRate * double(step + 1) / double(o.warmupSteps);
    const double span = double(std::max<int64_t>(1, total - o.warmupSteps));
    const double progress = std::min(1.0, double(step - o.warmupSteps) / span);
    const double floor = o.learningRate * o.finalRateShare;
    return floor + (o.learningRate - floor) * 0.5 * (1 + std::cos(M_PI * progress));
}

void setRate(torch::optim::Adam& opt, double lr) {
    for (auto& group : opt.param_groups())
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
}

} // namespace

double meanCrossEntropy(const LstmModel& model, const dataset::Dataset& data) {
    if (data.nValues != model.config.nValues || data.nCond != model.config.nCond)
        throw Error("validation windows do not fit the model");
    if (data.m < 1)
        return 0;
    const int T = data.tx, nC = data.nCond;
    auto& m = const_cast<LstmModel&>(model); // the kernels take non-const buffers; read only
    const LstmTensors params{m.kernel.data(), m.recurrent.data(), m.bias.data(), m.dense.data(),
                             m.denseBias.data(), nC > 0 ? m.condKernel.data() : nullptr};
    // Two threads, each over its half of the windows, in batches of 64.
    const int parts = (data.m >= 64 && std::thread::hardware_concurrency() >= 2) ? 2 : 1;
    double sum[2] = {0, 0};
    int targets[2] = {0, 0};
    auto runPart = [&](int part) {
        const int from = part * data.m / parts, to = (part + 1) * data.m / parts;
        const int maxB = 64;
        std::map<int, std::unique_ptr<LstmWorkspace>> spaces;
        std::vector<int> x, y;
        std::vector<float> cond;
        for (int first = from; first < to; first += maxB) {
            const int B = std::min(maxB, to - first);
            auto& w = spaces[B];
            if (!w)
                w = std::make_unique<LstmWorkspace>(
                    LstmShape{B, T, model.config.nA, model.config.nValues, nC});
            x.resize(size_t(B) * T);
            y.resize(size_t(B) * T);
            cond.resize(size_t(B) * T * size_t(nC));
            gatherBatch(data, B, [first](int b) { return first + b; }, x.data(), y.data(),
                        cond.data());
            int correct = 0;
            sum[part] += w->run(params, x.data(), y.data(), nC > 0 ? cond.data() : nullptr,
                                nullptr, &correct, &targets[part]) *
                         B;
        }
    };
    if (parts == 2) {
        std::thread helper(runPart, 1);
        runPart(0);
        helper.join();
    } else {
        runPart(0);
    }
    const int n = targets[0] + targets[1];
    return n > 0 ? (sum[0] + sum[1]) / n : 0;
}

TrainResult train(LstmModel& model, const dataset::Dataset& data, const TrainOptions& options,
                  const std::function<void(const EpochReport&)>& onEpoch,
                  const std::atomic<bool>* cancel, const dataset::Dataset* validation) {
    checkData(model, data, options);
    if (validation && validation->m > 0)
        checkData(model, *validation, options);
    else
        validation = nullptr;
    // Tiny matrices: a second intra-op thread costs more in handoffs than it saves.
    at::set_num_threads(1);
    const int T = data.tx;
    TorchParams params(model);
    torch::optim::Adam opt = makeAdam(params, options);
    FusedLstmLoss::Workspaces workspaces;
    FusedLstmLoss::currentWorkspaces = &workspaces;
    struct Reset {
        ~Reset() { FusedLstmLoss::currentWorkspaces = nullptr; }
    } reset;
    std::mt19937 rng(options.seed);
    TrainResult result;
    int64_t iterations = 0;
    const auto start = Clock::now();
    const int64_t stepsPerEpoch = (data.m + options.batchSize - 1) / options.batchSize;
    int horizon = options.epochs; // WarmupCosine: the epochs the schedule spans
    const double budget = options.minutes * 60;
    LstmModel best;              // the best validation epoch's weights
    double bestLoss = INFINITY;
    int sinceBest = 0;
    auto keepBest = [&] {
        if (result.bestEpoch > 0 && validation)
            model = best;
    };
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        const std::vector<int> order = shuffled(data.m, rng);
        double lossSum = 0, lr = 0;
        double correct = 0, targets = 0;
        for (int first = 0; first < data.m; first += options.batchSize) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                params.copyTo(model);
                result.cancelled = true;
                if (result.bestEpoch == 0)
                    result.bestEpoch = int(result.history.size());
                keepBest();
                return result;
            }
            const int B = std::min(options.batchSize, data.m - first);
            const int nC = data.nCond;
            auto x = torch::empty({B, T}, torch::kInt32);
            auto y = torch::empty({B, T}, torch::kInt32);
            auto cond = torch::empty({B, T, nC}, torch::kFloat32);
            gatherBatch(data, B, [&](int b) { return order[size_t(first + b)]; },
                        x.data_ptr<int>(), y.data_ptr<int>(), cond.data_ptr<float>());
            const auto out = FusedLstmLoss::apply(
                params.K, params.R, params.b, params.W, params.c, params.E, x, y, cond,
                options.dropout, int64_t(options.seed) * 1000003 + iterations);
            const auto stats = out.detach();
            const double loss = stats[0].item<double>();
            if (!std::isfinite(loss))
                throw Error("training diverged: the loss became " + std::to_string(loss) +
                            " in epoch " + std::to_string(epoch) +
                            " (try a smaller learning rate)");
            const double batchTargets = stats[2].item<double>();
            if (options.schedule == Schedule::KerasDecay) {
                lr = setDecayedRate(opt, options, iterations++);
            } else {
                lr = warmupCosineRate(options, iterations++, stepsPerEpoch * horizon);
                setRate(opt, lr);
            }
            opt.zero_grad();
            if (options.meanLoss && batchTargets > 0)
                (out[0] * (double(B) / batchTargets)).backward(); // per value, not per window
            else
                out[0].backward();
            if (options.clipNorm > 0)
                torch::nn::utils::clip_grad_norm_(params.list(), options.clipNorm);
            opt.step();
            lossSum += loss * B;
            correct += stats[1].item<double>();
            targets += batchTargets;
        }
        EpochReport r;
        r.epoch = epoch;
        r.loss = options.meanLoss ? (targets > 0 ? lossSum / targets : 0) : lossSum / data.m;
        r.accuracy = targets > 0 ? correct / targets : 0;
        r.learningRate = lr;
        if (validation) {
            LstmModel now = model;
            params.copyTo(now);
            r.valLoss = meanCrossEntropy(now, *validation);
            if (r.valLoss < bestLoss) {
                bestLoss = r.valLoss;
                best = std::move(now);
                result.bestEpoch = epoch;
                sinceBest = 0;
            } else {
                ++sinceBest;
            }
        } else {
            result.bestEpoch = epoch;
        }
        r.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        result.history.push_back(r);
        if (onEpoch)
            onEpoch(r);
        if (budget > 0 && epoch == 1 && options.schedule == Schedule::WarmupCosine)
            // Fit the cosine into the budget: as many epochs as the first one says will fit.
            horizon = std::clamp(int(budget / std::max(1e-3, r.elapsedSeconds)), 1, options.epochs);
        if ((budget > 0 && r.elapsedSeconds >= budget) ||
            (options.patience > 0 && sinceBest >= options.patience)) {
            result.stoppedEarly = epoch < options.epochs;
            break;
        }
    }
    params.copyTo(model);
    keepBest();
    return result;
}

TrainResult trainReference(LstmModel& model, const dataset::Dataset& data,
                           const TrainOptions& options,
                           const std::function<void(const EpochReport&)>& onEpoch) {
    checkData(model, data, options);
    at::set_num_threads(1);
    const int T = data.tx, nA = model.config.nA, nV = model.config.nValues;
    TorchParams p(model);
    torch::optim::Adam opt = makeAdam(p, options);
    const auto X = torch::from_blob(data.denseX().data(), {data.m, T, nV}, torch::kFloat32).clone();
    const auto Y = torch::from_blob(data.denseY().data(), {T, data.m, nV}, torch::kFloat32).clone();
    const int nC = data.nCond;
    std::vector<float> condCopy = data.cond;
    const auto C = nC > 0 ? torch::from_blob(condCopy.data(), {data.m, T, nC}, torch::kFloat32).clone()
                          : torch::Tensor();
    std::mt19937 rng(options.seed);
    TrainResult result;
    int64_t iterations = 0;
    const auto start = Clock::now();
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        const std::vector<int> order = shuffled(data.m, rng);
        double lossSum = 0, lr = 0;
        int correct = 0, targets = 0;
        for (int first = 0; first < data.m; first += options.batchSize) {
            const int B = std::min(options.batchSize, data.m - first);
            auto idx = torch::tensor(std::vector<int64_t>(order.begin() + first,
                                                          order.begin() + first + B));
            const auto xb = X.index_select(0, idx);
            const auto yb = Y.index_select(1, idx);
            const auto cb = nC > 0 ? C.index_select(0, idx) : torch::Tensor();
            auto h = torch::zeros({B, nA}), cs = torch::zeros({B, nA});
            torch::Tensor loss = torch::zeros({});
            for (int t = 0; t < T; ++t) {
                auto z = xb.select(1, t).mm(p.K) + h.mm(p.R) + p.b;
                if (nC > 0)
                    z = z + cb.select(1, t).mm(p.E);
                const auto gates = z.chunk(4, 1);
                const auto i = torch::sigmoid(gates[0]), f = torch::sigmoid(gates[1]);
                const auto g = torch::tanh(gates[2]), o = torch::sigmoid(gates[3]);
                cs = f * cs + i * g;
                h = o * torch::tanh(cs);
                const auto prob = torch::softmax(h.mm(p.W) + p.c, 1).clamp(1e-7, 1 - 1e-7);
                const auto yt = yb.select(0, t);
                loss = loss - (yt * prob.log()).sum(1).mean();
                const auto has = yt.sum(1) > 0;
                correct += ((prob.argmax(1) == yt.argmax(1)) & has).sum().item<int>();
                targets += has.sum().item<int>();
            }
            lr = setDecayedRate(opt, options, iterations++);
            opt.zero_grad();
            loss.backward();
            opt.step();
            lossSum += loss.item<double>() * B;
        }
        EpochReport r{epoch, lossSum / data.m, targets ? double(correct) / targets : 0, lr,
                      std::chrono::duration<double>(Clock::now() - start).count()};
        result.history.push_back(r);
        if (onEpoch)
            onEpoch(r);
    }
    p.copyTo(model);
    return result;
}

} // namespace jazz::model
