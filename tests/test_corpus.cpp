// From a MIDI file to training data: music21-compatible quantization and voices, track choice,
// measures and chords, the Metheny fidelity figures, vocabulary and dataset windows.
#include "Error.h"
#include "SharedData.h"
#include "corpus/Import.h"
#include "corpus/PartImport.h"
#include "dataset/Dataset.h"
#include "dataset/Vocabulary.h"
#include "grammar/Encoder.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"

#include <sys/resource.h>

#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace jazz;
using namespace jazz::midi;

namespace {

Event meta(int64_t tick, uint8_t type, const std::string& text) {
    Event e;
    e.tick = tick;
    e.status = 0xFF;
    e.metaType = type;
    e.payload.assign(text.begin(), text.end());
    return e;
}

Event ev(int64_t tick, uint8_t status, uint8_t d1, uint8_t d2) {
    Event e;
    e.tick = tick;
    e.status = status;
    e.data1 = d1;
    e.data2 = d2;
    return e;
}

// A track from (onTick, offTick, pitch) triples, events sorted by tick, offs first.
Track track(const std::string& name, int channel, const std::vector<std::array<int, 3>>& notes) {
    Track t;
    t.events.push_back(meta(0, MetaTrackName, name));
    std::vector<Event> es;
    for (const auto& n : notes) {
        es.push_back(ev(n[0], uint8_t(0x90 | channel), uint8_t(n[2]), 90));
        es.push_back(ev(n[1], uint8_t(0x80 | channel), uint8_t(n[2]), 0));
    }
    std::stable_sort(es.begin(), es.end(), [](const Event& a, const Event& b) {
        return a.tick != b.tick ? a.tick < b.tick : (a.isNoteOff() && !b.isNoteOff());
    });
    t.events.insert(t.events.end(), es.begin(), es.end());
    return t;
}

// Three bars at 96 ticks per quarter: Dm7 | G7 | Cmaj7 as block chords on a "Keys" track,
// a bass line, a drum track and a monophonic "Tenor" solo with a triplet and a rest.
File leadSheetFile() {
    File f;
    f.format = 1;
    f.ticksPerQuarter = 96;
    Track conductor;
    conductor.events.push_back(meta(0, MetaTrackName, "Tempo"));
    f.tracks.push_back(conductor);
    std::vector<std::array<int, 3>> chords;
    const std::vector<std::vector<int>> voicings = {{50, 53, 57, 60}, {43, 47, 50, 53}, {48, 52, 55, 59}};
    for (int bar = 0; bar < 3; ++bar)
        for (int p : voicings[size_t(bar)])
            chords.push_back({bar * 384, bar * 384 + 380, p});
    f.tracks.push_back(track("Keys", 0, chords));
    f.tracks.push_back(track("Upright", 1, {{0, 380, 38}, {384, 764, 31}, {768, 1150, 36},
                                             {192, 380, 45}, {576, 760, 38}, {960, 1150, 43},
                                             {100, 180, 40}, {500, 560, 35}}));
    std::vector<std::array<int, 3>> drums;
    for (int i = 0; i < 24; ++i)
        drums.push_back({i * 48, i * 48 + 10, 42});
    f.tracks.push_back(track("Drums", 9, drums));
    f.tracks.push_back(track("Tenor", 2, {
        {0, 96, 74}, {96, 128, 77}, {128, 160, 76}, {160, 192, 74}, // D5, then a triplet F E D
        {288, 384, 72},                                            // a rest of a quarter before C5
        {384, 432, 71}, {432, 480, 74}, {480, 576, 77}, {576, 768, 79},
        {768, 1152, 76}}));
    return f;
}

QStringList valueStrings(const std::vector<grammar::Value>& values) {
    QStringList out;
    for (const auto& v : values)
        out << QString::fromStdString(v.toString());
    return out;
}

} // namespace

class TestCorpus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // 100,000-note files in four shapes (a dense line; long overlapping notes; all struck at
    // once; all struck at once, each ending at its own time, which music21's chord gathering
    // and voice finding handle in quadratic time) import and encode, written and read back
    // as real files, within a bounded amount of memory. Their speed is in `bench all`.
    void hundredThousandNotesImport_data() {
        QTest::addColumn<int>("shape");
        QTest::newRow("dense line") << 0;
        QTest::newRow("overlapping") << 1;
        QTest::newRow("one onset") << 2;
        QTest::newRow("one onset, staggered ends") << 3;
    }
    void hundredThousandNotesImport() {
        QFETCH(int, shape);
        const int n = 100000;
        midi::Song song;
        midi::SongTrack comp, solo;
        comp.name = "Piano";
        solo.name = "Sax";
        solo.channel = 1;
        for (int i = 0; i < n; ++i)
            solo.notes.push_back({shape >= 2 ? 0.0 : i * 0.25,
                                  shape == 3 ? 1.0 + i * 0.25 : shape == 1 ? 3000.0 : 0.2,
                                  40 + (i * 7) % 48, 90, 1});
        for (int b = 0; b < n / 16; ++b)
            for (int p : {48, 52, 55, 58})
                comp.notes.push_back({b * 4.0, 4, p, 70, 0});
        song.tracks = {comp, solo};
        QTemporaryDir dir;
        const std::string path = dir.filePath("big.mid").toStdString();
        midi::write(midi::fromSong(song), path);
        rusage before{}, after{};
        getrusage(RUSAGE_SELF, &before);
        const auto sheet = corpus::importLeadSheet(path, {});
        const auto encoded = grammar::encode(sheet);
        getrusage(RUSAGE_SELF, &after);
        QVERIFY(!sheet.measures.empty());
        size_t values = 0;
        for (const auto& m : encoded)
            values += m.size();
        QVERIFY(values > 0 || shape == 2); // one struck chord is no melody to encode
        const long grownMb = (after.ru_maxrss - before.ru_maxrss) / 1024;
        qInfo("shape %d: %zu measures, %zu values, peak memory grew %ld MB", shape,
              sheet.measures.size(), values, grownMb);
        QVERIFY2(grownMb < 400, qPrintable(QString::number(grownMb)));
    }

    void quantizesToQuartersOrThirds_data() {
        QTest::addColumn<int>("ticks");
        QTest::addColumn<int>("tpq");
        QTest::addColumn<int>("twelfths");
        QTest::newRow("zero") << 0 << 96 << 0;
        QTest::newRow("1/8 ties to the quarter grid, half rounds up") << 12 << 96 << 3;
        QTest::newRow("0.385 snaps to 1/3") << 37 << 96 << 4;
        QTest::newRow("0.52 snaps to 1/2") << 50 << 96 << 6;
        QTest::newRow("0.833 snaps to 3/4") << 80 << 96 << 9;
        QTest::newRow("0.917 ties: 1 on the quarter grid") << 88 << 96 << 12;
        QTest::newRow("5/3 at 480 tpq") << 800 << 480 << 20;
        QTest::newRow("476 quarters") << 476 * 96 + 1 << 96 << 476 * 12;
    }
    void quantizesToQuartersOrThirds() {
        QFETCH(int, ticks);
        QFETCH(int, tpq);
        QFETCH(int, twelfths);
        QCOMPARE(int(corpus::quantize12(ticks, tpq)), twelfths);
    }

    void chordsVoicesAndRests() {
        // Two notes start together but end apart: music21 splits voices; the first voice's gap
        // becomes a rest, the second voice brings no rests. A three-note block is one chord.
        const Track t = track("x", 0, {{0, 96, 60}, {0, 192, 64}, {192, 288, 67}, {384, 480, 60},
                                       {384, 480, 64}, {385, 479, 67}});
        const corpus::ImportedPart p = corpus::importPart(t, 96);
        QCOMPARE(p.voices, 2);
        QStringList shape;
        for (const auto& e : p.elements)
            shape << QString("%1@%2+%3v%4")
                         .arg(e.kind == corpus::PartElement::Rest    ? "R"
                              : e.kind == corpus::PartElement::Chord ? "C"
                                                                     : "N")
                         .arg(e.offset12)
                         .arg(e.duration12)
                         .arg(e.voice);
        QCOMPARE(shape, QStringList({"N@0+12v0", "N@0+24v1", "R@12+12v0", "N@24+12v0",
                                     "R@36+12v0", "C@48+12v0"}));
        QCOMPARE(p.elements.back().pitches, std::vector<int>({60, 64, 67}));
    }

    void importsALeadSheetWithAutomaticTrackChoice() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("lead.mid").toStdString();
        midi::write(leadSheetFile(), path);
        const corpus::LeadSheet sheet = corpus::importLeadSheet(path);
        QCOMPARE(sheet.tracks[size_t(sheet.melodyTrack)].name, std::string("Tenor"));
        QCOMPARE(sheet.tracks[size_t(sheet.chordTrack)].name, std::string("Keys"));
        QVERIFY(QString::fromStdString(sheet.melodyReason).contains("sound alone"));
        QVERIFY(QString::fromStdString(sheet.chordReason).contains("chords"));
        QCOMPARE(int(sheet.measures.size()), 3);
        QStringList symbols;
        for (const auto& m : sheet.measures)
            symbols << QString::fromStdString(m.chords.at(0).symbol().toString());
        QCOMPARE(symbols, QStringList({"Dm7", "G7", "Cmaj7"}));
        const auto values = grammar::encode(sheet);
        QCOMPARE(valueStrings(values[0]),
                 QStringList({"C,1.000", "C,0.333,<d5,P1>", "S,0.333,<M2,d-4>",
                              "C,0.333,<m2,P-4>", "R,1.000", "C,1.000,<m2,P-4>"}));
        // Over G7: B, D, F, G are all chord tones.
        QCOMPARE(valueStrings(values[1]).join(' ').count("C,"), 4);

        // The same file with tracks named by the user, by index and by name.
        corpus::ImportOptions o;
        o.melodyTrack = "4";
        o.chordTrack = "keys";
        o.windowStart = 4;
        o.windowEnd = 8;
        const corpus::LeadSheet windowed = corpus::importLeadSheet(path, o);
        QCOMPARE(windowed.melodyReason, std::string("chosen by the user"));
        QCOMPARE(int(windowed.measures.size()), 2); // bar 2 and the onset at 8 (bar 3)
        QCOMPARE(windowed.measures[0].bar, 1);
    }

    void badInputIsAClearError_data() {
        QTest::addColumn<QString>("melody");
        QTest::addColumn<QString>("chords");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown name") << "Sax" << "" << "no melody track 'Sax'; tracks with notes: 1=\"Keys\"";
        QTest::newRow("index out of range") << "42" << "" << "no melody track '42'";
        QTest::newRow("track without notes") << "0" << "" << "melody track track 0 \"Tempo\" has no notes";
        QTest::newRow("melody as chords") << "" << "Tenor" << "chord track 4 \"Tenor\" has no chords";
    }
    void badInputIsAClearError() {
        QFETCH(QString, melody);
        QFETCH(QString, chords);
        QFETCH(QString, message);
        corpus::ImportOptions o;
        o.melodyTrack = melody.toStdString();
        o.chordTrack = chords.toStdString();
        try {
            corpus::importLeadSheet(leadSheetFile(), "lead.mid", o);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).startsWith("lead.mid: "), e.what());
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }

    void windowSyntax() {
        QCOMPARE(corpus::parseWindow("476:548"), std::make_pair(476.0, 548.0));
        QCOMPARE(corpus::parseWindow("0.5:2"), std::make_pair(0.5, 2.0));
        for (const char* bad : {"", "476", "a:b", "548:476", "1:", ":2", "-1:4", "1:2:3"})
            QVERIFY_THROWS_EXCEPTION(Error, corpus::parseWindow(bad));
    }

    void vocabularyAndDataset() {
        const std::vector<std::string> values = {"S,0.250", "C,0.250", "R,0.500", "C,0.250", "A,0.250"};
        const auto vocab = dataset::Vocabulary::fromCorpus(values);
        QCOMPARE(vocab.size(), 4);
        QCOMPARE(vocab.value(0), std::string("A,0.250")); // sorted, deterministic
        QCOMPARE(*vocab.index("S,0.250"), 3);
        QVERIFY(!vocab.index("X,9.000"));
        std::vector<int> corpus;
        for (int i = 0; i < 40; ++i)
            corpus.push_back((i * 7) % 4);
        const auto all = dataset::allWindows(corpus, 4, 10);
        QCOMPARE(all.m, 30);
        for (int i = 0; i < all.m; ++i) {
            QCOMPARE(all.xAt(i, 0), -1); // the first input is the zero vector
            for (int t = 1; t < 10; ++t) {
                QCOMPARE(all.xAt(i, t), corpus[size_t(i + t)]);
                QCOMPARE(all.yAt(t - 1, i), corpus[size_t(i + t)]); // next value
            }
            QCOMPARE(all.yAt(9, i), -1); // the notebook leaves the last target empty
        }
        const auto a = dataset::randomWindows(corpus, 4, 12, 10, 5);
        const auto b = dataset::randomWindows(corpus, 4, 12, 10, 5);
        const auto c = dataset::randomWindows(corpus, 4, 12, 10, 6);
        QCOMPARE(a.starts, b.starts);
        QVERIFY(a.starts != c.starts);
        for (int s : a.starts)
            QVERIFY(s >= 0 && s < 30);
        QVERIFY_THROWS_EXCEPTION(Error, dataset::allWindows({0, 1, 2}, 4, 10));
        QVERIFY_THROWS_EXCEPTION(Error, dataset::allWindows(corpus, 3, 10)); // index 3 unknown
    }

    void methenyMatchesTheNotebook() {
        REQUIRE_METHENY(path);
        const corpus::ImportOptions o = corpus::notebookMethenyOptions();
        const corpus::LeadSheet sheet = corpus::importLeadSheet(path.toStdString(), o);
        QCOMPARE(sheet.melodyVoices, 2);
        QCOMPARE(sheet.chordGroups, 19);
        QCOMPARE(int(sheet.measures.size()), 18);
        const auto encoded = grammar::encode(sheet);
        std::vector<std::string> corpus;
        std::map<char, int> types;
        for (const auto& m : encoded)
            for (const auto& v : m) {
                corpus.push_back(v.toString());
                ++types[char(v.type)];
            }
        QCOMPARE(int(corpus.size()), 275);
        QCOMPARE(types['C'], 117);
        QCOMPARE(types['R'], 82);
        QCOMPARE(types['S'], 44);
        QCOMPARE(types['A'], 25);
        QCOMPARE(types['X'], 7);
        const auto vocab = dataset::Vocabulary::fromCorpus(corpus);
        QCOMPARE(vocab.size(), 90);
        // The two values the notebook's text shows.
        QVERIFY(vocab.index("C,0.250,<M-2,m-6>"));
        QVERIFY(vocab.index("A,0.250,<m2,P-4>"));
        // Every value the encoder writes reads back (the generator parses what it samples);
        // this corpus holds a rest of 71 quarter notes, once refused as too long.
        for (const auto& v : vocab.values()) {
            std::string why;
            const auto parsed = grammar::Value::parse(v, &why);
            QVERIFY2(parsed && parsed->toString() == v, qPrintable(QString::fromStdString(v + ": " + why)));
        }

        std::vector<int> indices;
        for (const auto& v : corpus)
            indices.push_back(*vocab.index(v));
        const auto data = dataset::randomWindows(indices, vocab.size(), 60, 30, 0);
        QCOMPARE(data.denseX().size(), size_t(60) * 30 * 90); // X: (60, 30, 90)
        QCOMPARE(data.denseY().size(), size_t(30) * 60 * 90); // Y: (30, 60, 90)
        const auto x = data.denseX();
        for (int i = 0; i < 60; ++i) {
            float first = 0, rest = 0;
            for (int t = 0; t < 30; ++t)
                for (int k = 0; k < 90; ++k)
                    (t == 0 ? first : rest) += x[(size_t(i) * 30 + size_t(t)) * 90 + size_t(k)];
            QCOMPARE(first, 0.f);
            QCOMPARE(rest, 29.f); // one-hot at every other step
        }
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "test_corpus.moc"
