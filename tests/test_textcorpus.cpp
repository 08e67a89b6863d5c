// The bundled corpus and its text format: every tune reads, fills its bars and covers the
// progressions it should; bad text gives errors with file and line.
#include "Error.h"
#include "corpus/Import.h"
#include "corpus/TextCorpus.h"
#include "dataset/Conditions.h"
#include "dataset/TrainingCorpus.h"
#include "evaluate/Evaluation.h"
#include "grammar/Encoder.h"

#include <QtTest>

#include <set>

using namespace jazz;

class TestTextCorpus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsTheFormat() {
        const auto tunes = corpus::parseTextCorpus(
            "# a comment\n"
            "tune \"Test\"\n"
            "| Dm7 G7 | D4:8t E4 F4 A4:4 B4:8 C5 D5:4\n"
            "| %      | r:2 C5:4. B4:8 # trailing comment\n"
            "meter 3/4\n"
            "| Cmaj7@2 | E4:4 G4 B4\n",
            "test.txt");
        QCOMPARE(int(tunes.size()), 1);
        const auto& m = tunes[0].sheet.measures;
        QCOMPARE(int(m.size()), 3);
        QCOMPARE(int(m[0].melody.size()), 7);
        QVERIFY(std::abs(m[0].melody[1].offset - 1.0 / 3) < 1e-9); // triplet eighths
        QVERIFY(std::abs(m[0].melody[3].offset - 1.0) < 1e-9);
        QCOMPARE(m[0].melody[4].duration, 0.5);                      // B4:8
        QCOMPARE(m[0].melody[5].duration, 0.5);                      // C5 keeps it
        QCOMPARE(m[0].chords.size(), size_t(2));
        QCOMPARE(m[0].chords[1].offset, 2.0);
        QCOMPARE(m[1].chords[1].offset, 6.0); // % repeats, moved to its bar
        QCOMPARE(m[1].melody[0].kind, corpus::MelodyEvent::Rest);
        QCOMPARE(m[1].melody[1].duration, 1.5); // dotted quarter
        QCOMPARE(m[2].length, 3.0);
        QCOMPARE(m[2].chords[0].offset, m[2].start + 1.0); // @2: the second beat
        QCOMPARE(m[2].melody[2].pitches[0], 71);
        QCOMPARE(tunes[0].chordSymbols[0], std::string("Dm7 G7"));
    }

    void badTextNamesFileAndLine_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("short bar") << "tune \"A\"\n| C | C4:4 D4\n"
                                   << "t.txt:2: bar 1 of \"A\" holds 2.000 beats, the meter needs 4";
        QTest::newRow("bad pitch") << "tune \"A\"\n| C | H4:1\n" << "t.txt:2: bad pitch 'H4'";
        QTest::newRow("no octave") << "tune \"A\"\n| C | C:1\n" << "t.txt:2: bad pitch 'C'";
        QTest::newRow("bad duration") << "tune \"A\"\n| C | C4:3 D4:4\n" << "t.txt:2: bad duration in 'C4:3'";
        QTest::newRow("bad chord") << "tune \"A\"\n| Cq7 | C4:1\n"
                                   << "t.txt:2: chord symbol 'Cq7': unknown chord quality 'q7'";
        QTest::newRow("bar before tune") << "| C | C4:1\n" << "t.txt:1: a bar before the first";
        QTest::newRow("no second bar line") << "tune \"A\"\n| C C4:1\n" << "t.txt:2: expected '| CHORDS | NOTES'";
        QTest::newRow("garbage") << "tune \"A\"\nhello\n" << "t.txt:2: expected a bar line";
        QTest::newRow("empty") << "# nothing\n" << "t.txt: no tunes";
        QTest::newRow("bad meter") << "tune \"A\"\nmeter 5/3\n" << "t.txt:2: expected meter";
        QTest::newRow("repeat first") << "tune \"A\"\n| % | C4:1\n" << "t.txt:2: '%' repeats";
    }
    void badTextNamesFileAndLine() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            corpus::parseTextCorpus(text.toStdString(), "t.txt");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith(message), e.what());
        }
    }

    void bundledCorpusCoversItsForms() {
        const auto files = corpus::bundledCorpusFiles();
        QVERIFY(files.size() >= 6);
        const auto tunes = corpus::bundledCorpus();
        int bars = 0, triplets = 0, rests = 0, chromatic = 0, notes = 0;
        std::set<std::string> symbols;
        for (const auto& t : tunes) {
            bars += int(t.sheet.measures.size());
            for (const auto& s : t.chordSymbols)
                symbols.insert(s);
            for (const auto& m : t.sheet.measures) {
                int prev = -1;
                for (const auto& e : m.melody) {
                    if (e.kind == corpus::MelodyEvent::Rest) {
                        ++rests;
                        continue;
                    }
                    ++notes;
                    if (std::abs(e.duration * 3 - std::round(e.duration * 3)) < 1e-9 &&
                        std::abs(e.duration * 2 - std::round(e.duration * 2)) > 1e-9)
                        ++triplets;
                    if (prev >= 0 && std::abs(e.pitches[0] - prev) == 1)
                        ++chromatic;
                    prev = e.pitches[0];
                }
            }
        }
        qInfo("bundled corpus: %d tunes, %d bars, %d notes, %d triplet notes, %d rests, %d "
              "half steps", int(tunes.size()), bars, notes, triplets, rests, chromatic);
        QVERIFY(bars >= 200);
        QVERIFY(triplets >= 60 && rests >= 100 && chromatic >= 300);
        for (const char* s : {"Dm7", "G7", "Cmaj7", "Dm7b5", "G7b9", "Cm6", "F7", "Bdim7",
                              "Bb6 G7", "Eb6 Edim7", "Ab7", "Gm7 C7"})
            QVERIFY2(symbols.count(s), s);
        // Every tune encodes into grammar values.
        const auto corpus = dataset::bundledTrainingCorpus(false);
        QVERIFY(corpus.values.size() > 1500);
        QVERIFY(corpus.vocabulary.size() > 50);
        QCOMPARE(int(corpus.chords.size()), bars);
    }

    // The corpus against the project's own metrics and published solos (the Weimar Jazz
    // Database's transcriptions play about half chord tones): bebop lines, not arpeggios.
    // Measured as `evaluate` measures a model's corpus, all tunes as one line; the range per
    // tune, since one tune's register says nothing about another's.
    void bundledCorpusSoundsLikeJazz() {
        evaluate::Line all;
        for (const auto& t : corpus::bundledCorpus()) {
            const evaluate::Line line = evaluate::lineFromLeadSheet(t.sheet);
            const double range = evaluate::features(line).pitchRange;
            QVERIFY2(range >= 19, qPrintable(QString::fromStdString(t.title) +
                                             QStringLiteral(": range %1").arg(range)));
            const double shift = all.bars * all.beatsPerBar;
            for (auto n : line.notes) {
                n.start += shift;
                all.notes.push_back(n);
            }
            for (auto c : line.chords) {
                c.start += shift;
                all.chords.push_back(c);
            }
            all.bars += line.bars;
        }
        const auto f = evaluate::features(all);
        qInfo("bundled corpus: chord tones %.3f, mean interval %.2f, notes per bar %.2f",
              f.chordToneRatio, f.meanAbsInterval, f.notesPerBar);
        QVERIFY(f.chordToneRatio >= 0.45 && f.chordToneRatio <= 0.60);
        QVERIFY(f.meanAbsInterval >= 2.3 && f.meanAbsInterval <= 3.2);
        QVERIFY(f.notesPerBar >= 5 && f.notesPerBar <= 8);
    }

    void augmentationCoversTwelveKeys() {
        const auto one = dataset::bundledTrainingCorpus(false);
        const auto all = dataset::bundledTrainingCorpus(true);
        QCOMPARE(all.chords.size(), one.chords.size() * 12);
        const auto tune = corpus::bundledCorpus().front();
        const auto up = corpus::transposed(tune, 3);
        QCOMPARE(up.sheet.measures[0].chords[0].pitches[0], tune.sheet.measures[0].chords[0].pitches[0] + 3);
        // The grammar is relative: many values repeat across keys, so the vocabulary grows
        // far less than twelvefold.
        QVERIFY(all.vocabulary.size() < one.vocabulary.size() * 4);
    }

    // The chord-aware model's inputs: each value gets the chord sounding where it starts
    // (counted from the chord's root) and its place in the bar; the windows carry the
    // features of the value each step predicts.
    void valuesCarryTheirChordAndBeat() {
        const auto tunes = corpus::parseTextCorpus("tune \"T\"\n"
                                                   "| C7 F7 | C5:4 D5:8 E5 G5:4 A5:8t G5 F5\n"
                                                   "| %     | r:2 Bb4:4 A4\n"
                                                   "| Dm7   | D5:1\n",
                                                   "t.txt");
        const auto c = dataset::trainingCorpus({tunes[0].sheet});
        const int w = dataset::kConditionWidth;
        QCOMPARE(c.conditions.size(), c.values.size() * size_t(w));
        // Walk the values, summing durations per bar as the generator does.
        const std::set<int> dominant = {0, 4, 7, 10}, minor7 = {0, 3, 7, 10};
        size_t v = 0;
        int checked = 0;
        for (size_t bar = 0; bar < 3; ++bar) {
            double pos = 0;
            for (size_t k = 0; k < grammar::encode(tunes[0].sheet)[bar].size(); ++k, ++v) {
                const float* f = &c.conditions[v * size_t(w)];
                std::set<int> pcs;
                for (int i = 0; i < 12; ++i)
                    if (f[i] > 0.5f)
                        pcs.insert(i);
                QCOMPARE(pcs, bar == 2 ? minor7 : dominant); // C7 and F7 both read as 0 4 7 10
                const int beat = int(std::floor(pos + 1e-6));
                for (int b = 0; b < 4; ++b)
                    QCOMPARE(f[12 + b], b == std::min(beat, 3) ? 1.f : 0.f);
                QVERIFY(std::abs(f[16] - float(pos - beat)) < 0.01); // values keep 3 decimals
                pos += grammar::Value::parse(c.values[v])->duration;
                ++checked;
            }
        }
        QCOMPARE(size_t(checked), c.values.size());
        // A triplet eighth starts a third of the way into beat 3 of bar 1.
        bool sawTriplet = false;
        for (size_t i = 0; i < c.values.size(); ++i)
            if (std::abs(c.conditions[i * size_t(w) + 16] - 1.f / 3) < 0.01 &&
                c.conditions[i * size_t(w) + 15] == 1.f)
                sawTriplet = true;
        QVERIFY(sawTriplet);

        // Windows: step t of a window describes the value at window position t + 1.
        auto data = dataset::randomWindows(c.indices, c.vocabulary.size(), 5, 4, 0);
        dataset::attachConditions(data, c.conditions, w);
        for (int i = 0; i < data.m; ++i)
            for (int t = 0; t < data.tx; ++t)
                for (int k = 0; k < w; ++k)
                    QCOMPARE(data.condAt(i, t)[k],
                             c.conditions[size_t(data.starts[size_t(i)] + t + 1) * size_t(w) + size_t(k)]);
        QVERIFY_THROWS_EXCEPTION(Error, dataset::attachConditions(data, {1.f, 2.f}, w));
    }

    void textFilesLoadLikeMidiFiles() {
        const auto sheets = corpus::loadLeadSheets(corpus::bundledCorpusFiles().front());
        QVERIFY(sheets.size() >= 2);
        QVERIFY(QString::fromStdString(sheets[0].source).contains("Two-Five-One"));
    }
};

QTEST_GUILESS_MAIN(TestTextCorpus)
#include "test_textcorpus.moc"
