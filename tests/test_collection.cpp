// Learning a whole collection: folders of real MIDI files with bad ones among them, the
// validation split by file, the Kneser-Ney baseline, the collection recipe against it, and
// early stopping that keeps the best weights.
#include "Error.h"
#include "dataset/Collection.h"
#include "dataset/Conditions.h"
#include "dataset/Dataset.h"
#include "generate/Generator.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "model/ModelFile.h"
#include "model/NGram.h"
#include "model/Trainer.h"
#include "studio/TrainingJob.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>
#include <set>

using namespace jazz;

namespace {

// A solo of `bars` 4/4 bars: a "Sax" line of eighths and quarters over block chords held
// for `chordBars` bars each on a "Piano" track (2 chords for a modal tune).
midi::Song solo(int bars, int chordBars, uint32_t seed, bool withChords = true) {
    std::mt19937 rng(seed);
    midi::Song song;
    midi::SongTrack comp, sax;
    comp.name = "Piano";
    sax.name = "Sax";
    sax.channel = 1;
    for (int b = 0; withChords && b < bars; b += chordBars)
        for (int p : {50, 53, 57, 60})
            comp.notes.push_back({b * 4.0, chordBars * 4.0, p + int(b / chordBars % 2) * 5, 70, 0});
    int pitch = 64;
    for (double t = 0; t < bars * 4.0 - 0.5;) {
        const double d = rng() % 3 == 0 ? 1.0 : 0.5;
        pitch = std::clamp(pitch + int(rng() % 7) - 3, 55, 80);
        sax.notes.push_back({t, d * 0.9, pitch, 90, 1});
        t += d;
    }
    song.tracks = {comp, sax};
    return song;
}

void writeSong(const midi::Song& s, const QString& path) { midi::write(midi::fromSong(s), path.toStdString()); }

void writeText(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A corpus of pieces over a made-up language: phrases of 8 tokens over 3 values, chosen by a
// Markov chain over phrases. Three tokens of context (a 4-gram) rarely tell which phrase is
// running; a model that remembers the phrase's start does.
dataset::TrainingCorpus phraseLanguage(int pieces, int phrasesPerPiece, uint32_t seed) {
    std::mt19937 rng(seed);
    const int nPhrases = 10, length = 8;
    std::vector<std::vector<std::string>> phrases(nPhrases);
    for (auto& p : phrases)
        for (int i = 0; i < length; ++i)
            p.push_back("C," + std::to_string(1 + rng() % 3) + ".000");
    std::vector<std::vector<int>> next(nPhrases);
    for (auto& n : next)
        n = {int(rng() % nPhrases), int(rng() % nPhrases)};
    dataset::TrainingCorpus c;
    for (int k = 0; k < pieces; ++k) {
        dataset::CorpusPiece piece{"piece" + std::to_string(k), c.values.size(), 0, 0, 0, 4};
        int ph = int(rng() % nPhrases);
        for (int j = 0; j < phrasesPerPiece; ++j) {
            for (const auto& v : phrases[size_t(ph)])
                c.values.push_back(v);
            ph = next[size_t(ph)][rng() % 2];
        }
        piece.valueCount = c.values.size() - piece.firstValue;
        c.pieces.push_back(piece);
        c.sources.push_back(piece.source);
    }
    c.conditions.assign(c.values.size() * dataset::kConditionWidth, 0.f);
    dataset::finishCorpus(c);
    return c;
}

} // namespace

class TestCollection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Good, broken, chordless, empty, too short and odd-metered files in nested folders:
    // the good ones (a modal tune of two long chords among them) are used, every bad one is
    // reported with its reason, and the run goes on; strict stops at the first bad file.
    void folderWithBadFiles() {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath("more/deeper");
        writeSong(solo(8, 1, 1), dir.filePath("a_good.mid"));
        writeSong(solo(16, 8, 2), dir.filePath("more/b_modal.mid"));
        writeSong(solo(8, 1, 3), dir.filePath("more/deeper/c_good.MIDI"));
        writeSong(solo(8, 1, 4, false), dir.filePath("d_chordless.mid"));
        writeText(dir.filePath("e_broken.mid"), "MThd\0\0\0\6garbage");
        writeText(dir.filePath("f_empty.mid"), "");
        midi::Song tiny = solo(1, 1, 5);
        tiny.tracks[1].notes.clear();
        for (int i = 0; i < 12; ++i) // twelve notes, all in one bar
            tiny.tracks[1].notes.push_back({i * 0.25, 0.2, 60 + i, 90, 1});
        writeSong(tiny, dir.filePath("g_short.mid"));
        midi::File odd = midi::fromSong(solo(8, 1, 6));
        midi::Event ts;
        ts.tick = 480 * 4;
        ts.status = 0xFF;
        ts.metaType = midi::MetaTimeSignature;
        ts.payload = {3, 2, 24, 8};
        odd.tracks[0].events.insert(odd.tracks[0].events.end() - 1, ts);
        midi::write(odd, dir.filePath("h_meter.mid").toStdString());
        writeText(dir.filePath("notes.pdf"), "not a corpus file");
        writeText(dir.filePath(".hidden.mid"), "junk");

        dataset::CollectionReport report;
        std::vector<std::pair<int, int>> progress;
        dataset::CollectionOptions o;
        o.progress = [&](int done, int total) { progress.push_back({done, total}); };
        const auto c = dataset::loadCollection({dir.path().toStdString()}, o, &report);
        QCOMPARE(int(report.used.size()), 3);
        QCOMPARE(c.pieces.size(), size_t(3));
        QVERIFY(QString::fromStdString(report.used[1]).endsWith("b_modal.mid"));
        std::map<std::string, std::string> why;
        for (const auto& s : report.skipped)
            why[QFileInfo(QString::fromStdString(s.file)).fileName().toStdString()] = s.reason;
        QCOMPARE(int(why.size()), 5);
        QVERIFY2(why["d_chordless.mid"].find("chord") != std::string::npos, why["d_chordless.mid"].c_str());
        QVERIFY(!why["e_broken.mid"].empty());
        QVERIFY(!why["f_empty.mid"].empty());
        QVERIFY2(why["g_short.mid"].find("too short") != std::string::npos, why["g_short.mid"].c_str());
        QVERIFY2(why["h_meter.mid"].find("time signature not handled") != std::string::npos,
                 why["h_meter.mid"].c_str());
        QVERIFY(!progress.empty());
        QCOMPARE(progress.back(), std::make_pair(8, 8));

        o.strict = true;
        try {
            dataset::loadCollection({dir.path().toStdString()}, o, nullptr);
            QFAIL("strict import accepted a folder with bad files");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("d_chordless.mid"), e.what());
        }
    }

    // With no usable file, the error names every file and its reason.
    void noUsableFileNamesEvery() {
        QTemporaryDir dir;
        writeText(dir.filePath("x.mid"), "nope");
        writeSong(solo(8, 1, 4, false), dir.filePath("y.mid"));
        try {
            dataset::loadCollection({dir.path().toStdString(), dir.filePath("z.mid").toStdString()},
                                    {}, nullptr);
            QFAIL("a collection of bad files was accepted");
        } catch (const Error& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("x.mid") && m.contains("y.mid") && m.contains("z.mid") &&
                         m.contains("no such file"),
                     e.what());
        }
    }

    // The split holds out whole pieces, the same ones for the same seed, other ones for
    // another, and the two halves share no piece.
    void validationSplitByPiece() {
        const auto a = studio::validationPieces(40, 0.1, 7);
        QCOMPARE(a, studio::validationPieces(40, 0.1, 7));
        QCOMPARE(a.size(), size_t(4));
        QVERIFY(a != studio::validationPieces(40, 0.1, 8));
        QCOMPARE(studio::validationPieces(1, 0.5, 0).size(), size_t(0));
        QCOMPARE(studio::validationPieces(3, 0.01, 0).size(), size_t(1));
        QCOMPARE(studio::validationPieces(3, 0.9, 0).size(), size_t(2));

        const auto c = phraseLanguage(20, 5, 1);
        const auto held = studio::validationPieces(c.pieces.size(), 0.25, 3);
        std::vector<size_t> kept;
        for (size_t i = 0; i < c.pieces.size(); ++i)
            if (!std::binary_search(held.begin(), held.end(), i))
                kept.push_back(i);
        const auto train = dataset::subsetCorpus(c, kept);
        const auto valid = dataset::subsetCorpus(c, held);
        std::set<std::string> trainSources(train.sources.begin(), train.sources.end());
        for (const auto& s : valid.sources)
            QVERIFY(!trainSources.count(s));
        QCOMPARE(train.values.size() + valid.values.size(), c.values.size());
        // Stride windows over the training pieces: each value a target exactly once, and no
        // window reads across a piece boundary.
        std::vector<std::pair<size_t, size_t>> spans;
        for (const auto& p : train.pieces)
            spans.push_back({p.firstValue, p.valueCount});
        const auto d = dataset::strideWindows(train.indices, spans, train.vocabulary.size(), 7);
        std::vector<int> seen(train.values.size(), 0);
        for (int i = 0; i < d.m; ++i)
            for (int t = 0; t < d.tx; ++t)
                if (d.yAt(t, i) >= 0) {
                    const size_t at = size_t(d.starts[size_t(i)] + t);
                    ++seen[at];
                    QCOMPARE(d.yAt(t, i), train.indices[at]);
                    const bool pieceStart = std::any_of(spans.begin(), spans.end(),
                                                        [&](auto s) { return s.first == at; });
                    QCOMPARE(d.xAt(i, t), pieceStart ? -1 : train.indices[at - 1]);
                }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    }

    // Interpolated Kneser-Ney, order 2, discount 0.5, by hand. Training "a b a b" and
    // "b c" over the vocabulary {a, b, c}, start mark s: bigrams sa ab ba ab sb bc.
    // Unigram continuation counts: a 2 (s, b), b 2 (a, s), c 1 (b); total 5, 3 types:
    //   P1(a) = (2 - .5)/5 + .5 * 3/5 * 1/3 = 0.4, P1(b) = 0.4, P1(c) = (1 - .5)/5 + 0.1 = 0.2.
    // Context a: ab x2 (total 2, 1 type); context b: ba, bc (2, 2); context s: sa, sb (2, 2).
    //   P(a|s) = (1 - .5)/2 + .5 * 2/2 * 0.4 = 0.45      P(c|b) = 0.25 + 0.5 * 0.2 = 0.35
    //   P(b|a) = (2 - .5)/2 + .5 * 1/2 * 0.4 = 0.85      P(a|c) = P1(a) = 0.4 (unseen context)
    // Scoring "a b c a": -(ln .45 + ln .85 + ln .35 + ln .4) / 4.
    void kneserNeyByHand() {
        model::NGramModel ng(2, 3, 0.5);
        ng.train({{0, 1, 0, 1}, {1, 2}});
        QVERIFY(std::abs(ng.probability({}, 0) - 0.45) < 1e-12);
        QVERIFY(std::abs(ng.probability({0}, 1) - 0.85) < 1e-12);
        QVERIFY(std::abs(ng.probability({1}, 2) - 0.35) < 1e-12);
        QVERIFY(std::abs(ng.probability({2}, 0) - 0.4) < 1e-12);
        const double expected = -(std::log(0.45) + std::log(0.85) + std::log(0.35) + std::log(0.4)) / 4;
        QVERIFY(std::abs(ng.meanCrossEntropy({{0, 1, 2, 0}}) - expected) < 1e-12);
        // Probabilities over the vocabulary sum to one in every context.
        for (const std::vector<int>& h : {std::vector<int>{}, {0}, {1}, {2}}) {
            double sum = 0;
            for (int v = 0; v < 3; ++v)
                sum += ng.probability(h, v);
            QVERIFY(std::abs(sum - 1) < 1e-12);
        }
        // The estimated discount: n1 / (n1 + 2 n2) over the top order's counts (n1 4, n2 1).
        model::NGramModel est(2, 3);
        est.train({{0, 1, 0, 1}, {1, 2}});
        QVERIFY(std::abs(est.discount(2) - 4.0 / 6.0) < 1e-12);
    }

    // On a language with structure beyond two tokens, the collection recipe's LSTM beats the
    // best n-gram on held-out pieces, over three seeds.
    void collectionRecipeBeatsNGram() {
        for (uint32_t seed : {0u, 1u, 2u}) {
            const auto c = phraseLanguage(30, 30, 100 + seed);
            studio::TrainingPlan plan;
            plan.recipe = studio::Recipe::Collection;
            plan.seed = seed;
            plan.hidden = 32;
            plan.tx = 24;
            plan.epochs = 60;
            plan.learningRate = 0.01;
            plan.validation = 0.2;
            const auto out = studio::runTraining(c, 30, plan);
            const auto& s = out.summary;
            QCOMPARE(s.validationPieces, 6);
            QVERIFY(s.ngramValLoss > 0 && s.valLoss > 0);
            qInfo("seed %u: LSTM %.3f, %d-gram %.3f nats per value", seed, s.valLoss,
                  s.ngramOrder, s.ngramValLoss);
            QVERIFY2(s.valLoss < 0.95 * s.ngramValLoss,
                     qPrintable(QString("seed %1: LSTM %2 against %3-gram %4")
                                    .arg(seed)
                                    .arg(s.valLoss)
                                    .arg(s.ngramOrder)
                                    .arg(s.ngramValLoss)));
        }
    }

    // Early stopping: an LSTM that overfits stops after `patience` epochs without a better
    // validation loss, and the saved model holds the best epoch's weights: reloaded, it scores
    // that epoch's validation loss again.
    void earlyStoppingKeepsBestWeights() {
        const auto c = phraseLanguage(12, 6, 5);
        studio::TrainingPlan plan;
        plan.recipe = studio::Recipe::Collection;
        plan.hidden = 48;
        plan.tx = 12;
        plan.epochs = 200;
        plan.learningRate = 0.03;
        plan.dropout = 0.0;
        plan.validation = 0.25;
        plan.patience = 3;
        const auto out = studio::runTraining(c, 12, plan);
        const auto& h = out.model.history;
        QVERIFY(out.summary.stoppedEarly);
        QVERIFY(out.summary.bestEpoch >= 1);
        QCOMPARE(int(h.size()), out.summary.bestEpoch + 3);
        for (const auto& e : h)
            QVERIFY(e.valLoss >= h[size_t(out.summary.bestEpoch) - 1].valLoss);

        QTemporaryDir dir;
        const std::string path = dir.filePath("best.jzm").toStdString();
        model::saveModel(out.model, path);
        const auto back = model::loadModel(path);
        QCOMPARE(model::formatVersion(back), 3);
        QCOMPARE(back.recipe, std::string("collection"));
        QCOMPARE(back.bestEpoch, out.summary.bestEpoch);
        QCOMPARE(back.history.size(), h.size());
        QCOMPARE(back.history.back().valLoss, h.back().valLoss);
        QVERIFY(back.vocabulary.unknownIndex().has_value());
        // Rebuild the validation windows as the job did and score the reloaded model.
        const auto held = studio::validationPieces(c.pieces.size(), 0.25, plan.seed);
        const auto valid = dataset::subsetCorpus(c, held);
        std::vector<int> idx;
        for (const auto& v : valid.values)
            idx.push_back(*back.vocabulary.indexOrUnknown(v));
        std::vector<std::pair<size_t, size_t>> spans;
        for (const auto& p : valid.pieces)
            spans.push_back({p.firstValue, p.valueCount});
        auto data = dataset::strideWindows(idx, spans, back.vocabulary.size(), 12);
        QVERIFY(back.model.config.nCond > 0); // the collection recipe reads the chords
        dataset::attachConditions(data, valid.conditions, dataset::kConditionWidth);
        const double again = model::meanCrossEntropy(back.model, data);
        QVERIFY2(std::abs(again - back.valLoss) < 1e-4,
                 qPrintable(QString("%1 against %2").arg(again).arg(back.valLoss)));
    }

    // A time budget ends training after the epoch that crosses it, however many epochs were
    // asked for, and the learning rate has come down its cosine by then.
    void timeBudgetStopsTraining() {
        const auto c = phraseLanguage(20, 20, 9);
        studio::TrainingPlan plan;
        plan.recipe = studio::Recipe::Collection;
        plan.hidden = 16;
        plan.epochs = 100000;
        plan.minutes = 0.5 / 60; // half a second
        plan.patience = 0;
        const auto out = studio::runTraining(c, 20, plan);
        QVERIFY(out.summary.stoppedEarly);
        const auto& h = out.model.history;
        QVERIFY(h.size() >= 1 && h.size() < 100000);
        if (h.size() >= 4) // the schedule fitted to the budget: the rate falls towards its floor
            QVERIFY(h.back().learningRate < h[1].learningRate);
    }

    // Generation from a collection model never emits the unknown-value token.
    void generationSkipsUnknown() {
        QTemporaryDir dir;
        for (int i = 0; i < 12; ++i)
            writeSong(solo(8, 1, 50 + uint32_t(i)), dir.filePath(QString("s%1.mid").arg(i)));
        const auto c = dataset::loadCollection({dir.path().toStdString()}, {}, nullptr);
        studio::TrainingPlan plan;
        plan.hidden = 16;
        plan.epochs = 2;
        const auto out = studio::runTraining(c, 12, plan);
        QCOMPARE(out.summary.recipe, studio::Recipe::Collection);
        const auto unknown = out.model.vocabulary.unknownIndex();
        QVERIFY(unknown.has_value());
        generate::GenerateOptions g;
        g.sampling.temperature = 2.0; // hot: the unknown token would come up if allowed
        for (uint32_t s = 0; s < 20; ++s) {
            g.seed = s;
            const auto solo = generate::generateSolo(
                out.model, generate::Progression::parse("| Dm7 G7 | Cmaj7 |"), g);
            for (const auto& v : solo.allValues())
                QVERIFY(v != dataset::Vocabulary::unknownToken());
        }
    }
};

QTEST_GUILESS_MAIN(TestCollection)
#include "test_collection.moc"
