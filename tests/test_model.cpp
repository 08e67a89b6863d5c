// The LSTM model: parameter count, the fast trainer against the libtorch reference, the loss
// on the Metheny corpus, determinism, cancellation, model files and sampling.
#include "Error.h"
#include "SharedData.h"
#include "dataset/Conditions.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "generate/Sampler.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace jazz;

namespace {

// A corpus with structure to learn: a repeating phrase with a little noise.
dataset::Dataset toyData(int nValues, int tx, int windows, uint32_t seed = 1) {
    std::mt19937 rng(seed);
    std::vector<int> corpus;
    const int phrase[] = {0, 3, 5, 3, 7, 1, 2, 4};
    for (int i = 0; i < 200; ++i)
        corpus.push_back(rng() % 10 == 0 ? int(rng() % unsigned(nValues)) : phrase[i % 8] % nValues);
    return dataset::randomWindows(corpus, nValues, windows, tx, seed);
}

model::TrainedModel toyTrained(int epochs = 30) {
    model::TrainedModel t;
    std::vector<std::string> values = {"C,0.250", "C,0.500,<M2,d-4>", "S,0.250,<m2,P-4>",
                                       "R,0.250", "C,1.000,<P4,m-2>", "A,0.250,<d5,P1>",
                                       "S,0.500,<m3,m-3>", "C,0.333,<P1,d-5>"};
    t.vocabulary = dataset::Vocabulary::fromValues(values);
    const auto data = toyData(t.vocabulary.size(), 12, 40);
    t.model = model::LstmModel::initialized({t.vocabulary.size(), 16, 12}, 5);
    t.options.epochs = epochs;
    t.history = model::train(t.model, data, t.options).history;
    t.windows = data.m;
    t.sources = {"toy.mid"};
    t.corpusChords = {{{0, {50, 53, 57, 60}}, {2, {43, 47, 50, 53}}}, {{0, {48, 52, 55, 59}}}};
    return t;
}

} // namespace

class TestModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parameterCountMatchesKeras() {
        QCOMPARE(model::LstmModel::initialized({90, 64, 30}, 0).parameterCount(), int64_t(45530));
        // n_x*4n_a + n_a*4n_a + 4n_a (one bias per gate) + n_a*n_v + n_v
        QCOMPARE(model::LstmModel::initialized({20, 8, 5}, 0).parameterCount(),
                 int64_t(20 * 32 + 8 * 32 + 32 + 8 * 20 + 20));
    }

    void fastPathMatchesTheLibtorchReference() {
        const auto data = toyData(11, 10, 37); // 37 windows: batches of 32 and 5
        auto fast = model::LstmModel::initialized({11, 16, 10}, 3);
        auto ref = fast;
        model::TrainOptions o;
        o.epochs = 8;
        const auto a = model::train(fast, data, o);
        const auto b = model::trainReference(ref, data, o);
        QCOMPARE(a.history.size(), b.history.size());
        for (size_t e = 0; e < a.history.size(); ++e) {
            QVERIFY2(std::abs(a.history[e].loss - b.history[e].loss) < 1e-3 * b.history[e].loss,
                     qPrintable(QString("epoch %1: %2 vs %3").arg(e + 1).arg(a.history[e].loss)
                                    .arg(b.history[e].loss)));
            QCOMPARE(a.history[e].learningRate, b.history[e].learningRate);
        }
        for (size_t i = 0; i < fast.recurrent.size(); ++i)
            QVERIFY(std::abs(fast.recurrent[i] - ref.recurrent[i]) < 1e-3);
        QVERIFY(a.history.back().loss < a.history.front().loss);
    }

    // The chord-aware variant: its extra input weights, the fused kernels against the libtorch
    // reference, and that the conditions are really used (a corpus whose next value is only
    // predictable from them).
    void chordAwareModel() {
        const int w = dataset::kConditionWidth;
        QCOMPARE(model::LstmModel::initialized({90, 64, 30, w}, 0).parameterCount(),
                 int64_t(45530 + w * 256));
        // The notebook's model draws the same numbers with or without the option compiled in.
        QCOMPARE(model::LstmModel::initialized({90, 64, 30, w}, 0).kernel,
                 model::LstmModel::initialized({90, 64, 30}, 0).kernel);

        // Random values; each value's condition is a one-hot of the value itself, so a step's
        // target can be read off its condition but not from the melody.
        std::mt19937 rng(4);
        const int nV = 12;
        std::vector<int> corpus;
        std::vector<float> cond;
        for (int i = 0; i < 400; ++i) {
            corpus.push_back(int(rng() % nV));
            std::vector<float> f(size_t(w), 0.f);
            f[size_t(corpus.back())] = 1.f;
            f[16] = float(i % 4) / 4;
            cond.insert(cond.end(), f.begin(), f.end());
        }
        auto data = dataset::randomWindows(corpus, nV, 37, 10, 2);
        dataset::attachConditions(data, cond, w);
        auto fast = model::LstmModel::initialized({nV, 16, 10, w}, 3);
        auto ref = fast;
        model::TrainOptions o;
        o.epochs = 6;
        const auto a = model::train(fast, data, o);
        const auto b = model::trainReference(ref, data, o);
        for (size_t e = 0; e < a.history.size(); ++e)
            QVERIFY2(std::abs(a.history[e].loss - b.history[e].loss) < 1e-3 * b.history[e].loss,
                     qPrintable(QString("epoch %1: %2 vs %3").arg(e + 1).arg(a.history[e].loss)
                                    .arg(b.history[e].loss)));
        for (size_t i = 0; i < fast.condKernel.size(); ++i)
            QVERIFY(std::abs(fast.condKernel[i] - ref.condKernel[i]) < 1e-3);

        o.epochs = 60;
        auto aware = model::LstmModel::initialized({nV, 16, 10, w}, 3);
        const auto withCond = model::train(aware, data, o);
        auto plainData = dataset::randomWindows(corpus, nV, 37, 10, 2);
        auto plain = model::LstmModel::initialized({nV, 16, 10}, 3);
        const auto without = model::train(plain, plainData, o);
        QVERIFY2(withCond.history.back().accuracy > 0.9,
                 qPrintable(QString::number(withCond.history.back().accuracy)));
        QVERIFY2(without.history.back().accuracy < 0.5,
                 qPrintable(QString::number(without.history.back().accuracy)));

        // A dataset and a model must agree on the extra inputs.
        QVERIFY_THROWS_EXCEPTION(Error, model::train(plain, data, o));
        QVERIFY_THROWS_EXCEPTION(Error, model::train(aware, plainData, o));

        // Inference reads them too: the same state and input, other conditions, other odds.
        model::LstmState s1(16), s2(16);
        std::vector<float> p1, p2;
        std::vector<float> c1(size_t(w), 0.f), c2(size_t(w), 0.f);
        c1[3] = 1;
        c2[8] = 1;
        model::step(aware, 2, s1, p1, c1.data());
        model::step(aware, 2, s2, p2, c2.data());
        QVERIFY(std::max_element(p1.begin(), p1.end()) - p1.begin() == 3);
        QVERIFY(std::max_element(p2.begin(), p2.end()) - p2.begin() == 8);

        // The file keeps the extra weights, as format version 2; the notebook's stays 1.
        model::TrainedModel t;
        t.vocabulary = dataset::Vocabulary::fromValues({"C,0.250", "C,0.500", "C,0.750", "C,1.000",
                                                        "S,0.250", "S,0.500", "S,0.750", "S,1.000",
                                                        "A,0.250", "A,0.500", "A,0.750", "A,1.000"});
        t.model = aware;
        const auto bytes = model::serializeModel(t);
        QCOMPARE(int(bytes[8]), 2);
        const auto back = model::parseModel(bytes, "aware.jzm");
        QCOMPARE(back.model.config.nCond, w);
        QCOMPARE(back.model.condKernel, aware.condKernel);
        QCOMPARE(model::formatVersion(back), 2);
        t.model = plain;
        QCOMPARE(int(model::serializeModel(t)[8]), 1);
    }

    void keepsKerasTimeDecay() {
        const auto data = toyData(6, 8, 64); // two batches per epoch
        auto m = model::LstmModel::initialized({6, 8, 8}, 1);
        model::TrainOptions o;
        o.epochs = 3;
        const auto r = model::train(m, data, o);
        // The last step of epoch e is iteration 2e - 1 (counted from 0).
        for (int e = 1; e <= 3; ++e)
            QCOMPARE(r.history[size_t(e - 1)].learningRate, 0.01 / (1 + 0.01 * (2 * e - 1)));
    }

    void methenyLossFallsToSingleDigits() {
        REQUIRE_METHENY(path);
        const corpus::ImportOptions io = corpus::notebookMethenyOptions();
        const auto c = dataset::loadTrainingCorpus({path.toStdString()}, io);
        const auto data = dataset::randomWindows(c.indices, c.vocabulary.size(), 60, 30, 0);
        auto m = model::LstmModel::initialized({c.vocabulary.size(), 64, 30}, 0);
        QCOMPARE(m.parameterCount(), int64_t(45530));
        const auto r = model::train(m, data, {});
        QCOMPARE(int(r.history.size()), 100);
        qInfo("Metheny: loss %.2f at epoch 1, %.2f at epoch 100 (notebook: 129.8 and 9.3)",
              r.history.front().loss, r.history.back().loss);
        QVERIFY(r.history.front().loss > 120 && r.history.front().loss < 140);
        QVERIFY(r.history.back().loss < 10);
        QVERIFY(r.history[49].loss < r.history[9].loss);
        QVERIFY(r.history.back().loss < r.history[49].loss);
    }

    void sameSeedSameModel() {
        const auto data = toyData(9, 10, 40);
        auto run = [&](uint32_t seed) {
            auto m = model::LstmModel::initialized({9, 16, 10}, seed);
            model::TrainOptions o;
            o.epochs = 5;
            o.seed = seed;
            model::train(m, data, o);
            return m;
        };
        const auto a = run(4), b = run(4), c = run(5);
        QVERIFY(a.kernel == b.kernel && a.recurrent == b.recurrent && a.dense == b.dense);
        QVERIFY(a.kernel != c.kernel);
    }

    void cancelStopsWithinABatch() {
        const auto data = toyData(9, 10, 100); // 4 batches per epoch
        auto m = model::LstmModel::initialized({9, 16, 10}, 1);
        std::atomic<bool> cancel{false};
        model::TrainOptions o;
        o.epochs = 1000;
        const auto r = model::train(
            m, data, o,
            [&](const model::EpochReport& e) {
                if (e.epoch == 3)
                    cancel = true;
            },
            &cancel);
        QVERIFY(r.cancelled);
        QCOMPARE(int(r.history.size()), 3); // no batch of epoch 4 ran
        // From another thread, mid-run: returns long before 1000 epochs would finish.
        cancel = false;
        QElapsedTimer timer;
        timer.start();
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            cancel = true;
        });
        const auto r2 = model::train(m, data, o, {}, &cancel);
        stopper.join();
        QVERIFY(r2.cancelled);
        QVERIFY(int(r2.history.size()) < 1000);
    }

    // Cancelling at many points, over and over (both model kinds, the two-thread batch split
    // included): the callback of epoch k raises the flag, so the run stops before epoch k + 1's
    // first batch with exactly k epochs reported; its weights are finite and usable, and a
    // cancelled model trains on afterwards. A run that is not cancelled reports every epoch.
    void cancelStopsAfterExactlyTheEpochsDone() {
        std::mt19937 rng(77);
        const int w = dataset::kConditionWidth;
        auto data = toyData(9, 10, 100);
        auto condData = data;
        std::vector<float> cond(size_t(400 * w), 0.f);
        for (size_t i = 0; i < cond.size(); i += size_t(w))
            cond[i + rng() % 12] = 1.f;
        dataset::attachConditions(condData, cond, w);
        for (int run = 0; run < 12; ++run) {
            const bool aware = run % 2;
            auto m = model::LstmModel::initialized({9, 16, 10, aware ? w : 0}, uint32_t(run));
            std::atomic<bool> cancel{false};
            model::TrainOptions o;
            o.epochs = 40;
            const int stopAfter = 1 + int(rng() % 30); // < epochs: a cancel, not the end
            int reported = 0;
            const auto r = model::train(m, aware ? condData : data, o,
                                        [&](const model::EpochReport& e) {
                                            reported = e.epoch;
                                            if (e.epoch == stopAfter)
                                                cancel = true;
                                        },
                                        &cancel);
            QVERIFY(r.cancelled);
            QCOMPARE(int(r.history.size()), stopAfter);
            QCOMPARE(reported, stopAfter);
            QCOMPARE(r.history.back().epoch, stopAfter);
            QCOMPARE(r.bestEpoch, stopAfter);
            for (const auto* buffer : {&m.kernel, &m.recurrent, &m.bias, &m.dense, &m.condKernel})
                for (float x : *buffer)
                    QVERIFY(std::isfinite(x));
            o.epochs = 2;
            QCOMPARE(int(model::train(m, aware ? condData : data, o).history.size()), 2);
        }
        // Not cancelled: every epoch, in order.
        auto m = model::LstmModel::initialized({9, 16, 10, 0}, 5);
        std::atomic<bool> never{false};
        model::TrainOptions o;
        o.epochs = 17;
        const auto whole = model::train(m, data, o, {}, &never);
        QVERIFY(!whole.cancelled);
        QCOMPARE(int(whole.history.size()), 17);
        for (int e = 0; e < 17; ++e)
            QCOMPARE(whole.history[size_t(e)].epoch, e + 1);
        // Cancelled before it starts: nothing learnt, nothing reported.
        const auto before = m.kernel;
        std::atomic<bool> already{true};
        const auto none = model::train(m, data, o, {}, &already);
        QVERIFY(none.cancelled);
        QCOMPARE(int(none.history.size()), 0);
        QVERIFY(m.kernel == before);
    }

    void nonFiniteLossIsAClearError() {
        const auto data = toyData(9, 10, 20);
        auto m = model::LstmModel::initialized({9, 16, 10}, 1);
        m.dense[0] = std::numeric_limits<float>::quiet_NaN();
        try {
            model::train(m, data, {});
            QFAIL("a NaN loss was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("diverged"), e.what());
        }
    }

    void modelFileRoundTripPredictsIdentically() {
        const auto t = toyTrained(10);
        QTemporaryDir dir;
        const std::string path = dir.filePath("toy.jzm").toStdString();
        model::saveModel(t, path);
        const auto back = model::loadModel(path);
        QCOMPARE(back.vocabulary.values(), t.vocabulary.values());
        QCOMPARE(back.history.size(), t.history.size());
        QCOMPARE(back.history.back().loss, t.history.back().loss);
        QCOMPARE(back.corpusChords.size(), t.corpusChords.size());
        QCOMPARE(back.corpusChords[0][1].pitches, t.corpusChords[0][1].pitches);
        model::LstmState s1(t.model.config.nA), s2(back.model.config.nA);
        std::vector<float> p1, p2;
        int x = -1;
        for (int i = 0; i < 20; ++i) {
            model::step(t.model, x, s1, p1);
            model::step(back.model, x, s2, p2);
            QCOMPARE(p1, p2);
            x = int(std::max_element(p1.begin(), p1.end()) - p1.begin());
        }
    }

    void corruptModelFilesAreRefused_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "empty" << "not a Jazz Studio model file";
        QTest::newRow("foreign") << "foreign" << "not a Jazz Studio model file";
        QTest::newRow("truncated header") << "cut:20" << "truncated model file";
        QTest::newRow("truncated weights") << "cut:-100" << "truncated model file";
        QTest::newRow("flipped byte") << "flip" << "corrupt model file (checksum mismatch)";
        QTest::newRow("newer version") << "version" << "model format version 99 is not supported";
        QTest::newRow("trailing data") << "append" << "unexpected data after the model";
    }
    void corruptModelFilesAreRefused() {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        std::vector<uint8_t> bytes = model::serializeModel(toyTrained(1));
        if (damage == "empty")
            bytes.clear();
        else if (damage == "foreign")
            bytes = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 1, 0, 96};
        else if (damage.startsWith("cut:")) {
            const int n = damage.mid(4).toInt();
            bytes.resize(n > 0 ? size_t(n) : bytes.size() - size_t(-n));
        } else if (damage == "flip")
            bytes[bytes.size() / 2] ^= 0x10;
        else if (damage == "version")
            bytes[8] = 99;
        else if (damage == "append")
            bytes.push_back(0);
        try {
            model::parseModel(bytes, "bad.jzm");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("bad.jzm: " + message), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, model::loadModel("/nonexistent/x.jzm"));
    }

    void sampledValuesAreInTheVocabulary() {
        const auto t = toyTrained(20);
        for (double temperature : {0.0, 0.5, 1.0, 2.0}) {
            std::mt19937 rng(9);
            generate::Sampler s(t.model, {temperature, 0}, rng);
            for (int v : s.sequence(100))
                QVERIFY(v >= 0 && v < t.vocabulary.size());
        }
        // Temperature 0 is the notebook's argmax: the same sequence every time, and top-1
        // sampling at any temperature gives it too.
        std::mt19937 r1(1), r2(2), r3(3);
        generate::Sampler a(t.model, {0.0, 0}, r1), b(t.model, {0.0, 0}, r2), c(t.model, {1.5, 1}, r3);
        const auto sa = a.sequence(50);
        QCOMPARE(b.sequence(50), sa);
        QCOMPARE(c.sequence(50), sa);
        // The seed decides a sampled sequence.
        std::mt19937 r4(7), r5(7);
        generate::Sampler d(t.model, {1.0, 0}, r4), e(t.model, {1.0, 0}, r5);
        QCOMPARE(d.sequence(50), e.sequence(50));
    }

    void temperatureSharpensOrFlattens() {
        const std::vector<float> p = {0.6f, 0.3f, 0.1f};
        std::mt19937 rng(1);
        int cold = 0, hot = 0;
        for (int i = 0; i < 2000; ++i) {
            cold += generate::choose(p, {0.2, 0}, rng) == 0;
            hot += generate::choose(p, {5.0, 0}, rng) == 0;
        }
        QVERIFY(cold > 1900); // p^(1/0.2): 0.6 dominates
        QVERIFY(hot > 500 && hot < 900); // nearly uniform
        for (int i = 0; i < 200; ++i)
            QVERIFY(generate::choose(p, {1.0, 2}, rng) != 2); // top-2 never picks the third
    }
};

QTEST_GUILESS_MAIN(TestModel)
#include "test_model.moc"
