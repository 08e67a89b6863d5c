// Musical quality measures on hand-built lines whose answers are known, and the evaluate
// command end to end.
#include "evaluate/Evaluation.h"
#include "evaluate/Metrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace jazz::evaluate;

namespace {

// Two bars over C major 7: eighth notes from `pitches`, repeated to fill.
Line line(const std::vector<int>& pitches, int bars = 2) {
    Line l;
    l.bars = bars;
    for (int i = 0; i < 8 * bars; ++i)
        l.notes.push_back({i * 0.5, 0.5, pitches[size_t(i) % pitches.size()]});
    l.chords = {{0, {48, 52, 55, 59}}};
    return l;
}

} // namespace

class TestEvaluate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chordAndScaleTones() {
        const Features arpeggio = features(line({60, 64, 67, 71}));
        QCOMPARE(arpeggio.chordToneRatio, 1.0);
        QCOMPARE(arpeggio.scaleToneRatio, 1.0);
        // C D E F#: D and F# are in Cmaj7's derived scale (G major, as music21 derives it), so
        // half the notes are chord tones and all are scale tones; C# is neither.
        const Features mixed = features(line({60, 62, 64, 66}));
        QCOMPARE(mixed.chordToneRatio, 0.5);
        QCOMPARE(mixed.scaleToneRatio, 1.0);
        QCOMPARE(features(line({61})).scaleToneRatio, 0.0);
    }

    void entropyRhythmAndShape() {
        const Features one = features(line({60}));
        QCOMPARE(one.pcEntropy1Bar, 0.0); // a single pitch class
        const Features four = features(line({60, 62, 64, 65}));
        QCOMPARE(four.pcEntropy1Bar, 2.0); // four pitch classes, equally often: 2 bits
        QCOMPARE(four.grooveSimilarity, 1.0); // both bars: eighth notes
        QCOMPARE(four.notesPerBar, 8.0);
        QCOMPARE(four.pitchRange, 5.0);
        QCOMPARE(four.meanAbsInterval, 35.0 / 15); // steps 2 2 1 and the leap 5 back, 15 of them
        Line swung = line({60, 64});
        swung.notes.resize(8); // only the first bar has notes
        QCOMPARE(features(swung).grooveSimilarity, 0.0 + 1.0 - 8.0 / 48); // 8 onsets differ
    }

    void copiedRunsAndOverlap() {
        const Line corpus = line({60, 62, 64, 65, 67, 69, 71, 72}, 4);
        Line copy = corpus;
        copy.notes.resize(6);
        QCOMPARE(longestCopiedRun(copy, {corpus}), 6);
        Line fresh = line({60, 66}, 1); // tritones: no such step in the corpus
        QCOMPARE(longestCopiedRun(fresh, {corpus}), 0);
        QCOMPARE(overlap({1, 2, 3}, {1, 2, 3}), 1.0);
        QCOMPARE(overlap({0, 0, 0}, {10, 10, 10}), 0.0);
        const double half = overlap({0, 0, 10, 10}, {10, 10, 20, 20});
        QVERIFY(half > 0.45 && half < 0.55);
    }

    void reportHasEveryKey() {
        const Report r = evaluate({line({60, 64, 67, 71}, 4), line({60, 62, 64, 66}, 4)},
                                  {line({60, 62, 64, 65, 67, 69, 71, 72}, 8)});
        for (const char* k : {"chord_tone_ratio", "scale_tone_ratio", "pc_entropy_1bar",
                              "pc_entropy_4bar", "groove_similarity", "notes_per_bar",
                              "pitch_range", "mean_abs_interval"}) {
            QVERIFY2(r.corpus.count(k) && r.solos.count(k), k);
            QVERIFY2(r.overlap.count(k), k);
        }
        QVERIFY(r.solos.count("longest_copied_run_p95"));
    }

    void evaluateCommand() {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.jzm");
        QProcess p;
        p.start(JAZZ_STUDIO_BIN, {"train", "--epochs", "20", "-o", model}); // the bundled corpus
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        p.start(JAZZ_STUDIO_BIN, {"evaluate", model, "--solos", "5", "--preset", "blues-f", "--json"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        for (const char* k : {"corpus", "solos", "overlap"})
            QVERIFY2(o[k].isObject(), k);
        const double ct = o["solos"].toObject()["chord_tone_ratio"].toDouble();
        QVERIFY(ct > 0 && ct <= 1);
        QVERIFY(o["solos"].toObject().contains("longest_copied_run_p95"));
        QVERIFY(o["corpus"].toObject()["notes_per_bar"].toDouble() > 4);
    }
};

QTEST_GUILESS_MAIN(TestEvaluate)
#include "test_evaluate.moc"
