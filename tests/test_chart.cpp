// iReal Pro links: links of our own making (scrambled by the test's own encoder, the inverse of
// the decoder) and a playlist decode to the expected tunes and bars; what is refused says why.
#include "Error.h"
#include "chart/ChordChart.h"
#include "chart/IRealChart.h"
#include "chart/IRealPro.h"
#include "corpus/Import.h"
#include "grammar/Encoder.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "theory/ChordSymbol.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace jazz;
using namespace jazz::chart;

namespace {

// iReal's block scrambling, written from the format's description: in each 50-character
// block followed by at least two more characters, positions 0-4 and 10-23 trade places with
// 49-i.
std::string scramble(std::string s) {
    for (size_t at = 0; at + 52 <= s.size(); at += 50)
        for (size_t i = 0; i < 24; ++i)
            if (i < 5 || i >= 10)
                std::swap(s[at + i], s[at + 49 - i]);
    return s;
}

std::string percentEncode(const std::string& s) {
    return QUrl::toPercentEncoding(QString::fromStdString(s), "", "=").toStdString();
}

// One irealb:// song: Title=Composer==Style=Key==MUSIC==Tempo=Repeats.
std::string proSong(const std::string& title, const std::string& composer, const std::string& style,
                    const std::string& key, const std::string& chart) {
    return title + "=" + composer + "==" + style + "=" + key + "==1r34LbKcu7" + scramble(chart) +
           "==140=3";
}

std::string bars(const IRealTune& t) {
    std::string s;
    for (const auto& b : t.bars)
        s += (s.empty() ? "" : " | ") + b;
    return s;
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A melody-only MIDI file written to `path`: one "Alto" track of eighth notes over `bars` bars
// of `beats` quarter notes, starting `pickupBeats` before the first full bar (bar 0 is then a
// pickup bar holding only its last beats).
void writeMelodyOnly(const std::string& path, int bars, int beats = 4, int pickupBeats = 0) {
    midi::Song song;
    song.beatsPerBar = beats;
    midi::SongTrack alto;
    alto.name = "Alto";
    const double start = pickupBeats ? beats - pickupBeats : 0;
    const double end = (pickupBeats ? 1 : 0) * beats + bars * beats;
    int i = 0;
    for (double t = start; t < end - 1e-9; t += 0.5, ++i)
        alto.notes.push_back({t, 0.5, 64 + (i * 5) % 12, 90, 0});
    song.tracks = {alto};
    midi::write(midi::fromSong(song), path);
}

std::vector<std::string> symbolsOf(const corpus::Measure& m) {
    std::vector<std::string> out;
    for (const auto& c : m.chords)
        out.push_back(theory::ChordSymbol::identify(c.pitches).toString());
    return out;
}

} // namespace

class TestChart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scramblingIsUndone() {
        // 120 characters: two scrambled blocks, then 20 left as they are.
        std::string plain;
        for (int i = 0; i < 120; ++i)
            plain += char('A' + i % 26);
        const std::string mixed = scramble(plain);
        QVERIFY(mixed != plain);
        QCOMPARE(mixed.substr(100), plain.substr(100));
        QCOMPARE(qs(unscrambleIRealMusic(mixed)), qs(plain));
        // A block with only one character after it is left alone.
        const std::string fiftyOne = plain.substr(0, 51);
        QCOMPARE(qs(unscrambleIRealMusic(fiftyOne)), qs(fiftyOne));
        // The abbreviations are written out.
        QCOMPARE(qs(unscrambleIRealMusic("C7XyQKclLZ")), qs("C7   | x |"));
    }

    void tuneWithRepeatAndEndings() {
        // A 32-character-plus chart with the abbreviations iReal writes: XyQ, LZ, Kcl.
        const std::string chart = "{*AT44C^7XyQ|A-7 D-7LZG7XyQKcl|N1C^7 A7LZD-7 G7 }|N2C^7XyQ|"
                                  "F^7 Bb7LZC^7XyQZ ";
        QVERIFY(chart.size() > 52); // the scrambling is exercised
        const std::string link = "irealb://" + percentEncode(proSong("Our Blues", "Tester Ann",
                                                                     "Medium Swing", "C", chart));
        QVERIFY(isIRealLink("  " + link + "\n"));
        const IRealPlaylist list = decodeIRealLink(link);
        QCOMPARE(int(list.tunes.size()), 1);
        const IRealTune& t = pickIRealTune(list, "");
        QCOMPARE(qs(t.title), QString("Our Blues"));
        QCOMPARE(qs(t.composer), QString("Tester Ann"));
        QCOMPARE(qs(t.style), QString("Medium Swing"));
        QCOMPARE(qs(t.key), QString("C"));
        QCOMPARE(t.timeNumerator, 4);
        QCOMPARE(t.beatsPerBar, 4.0);
        QCOMPARE(qs(bars(t)), QString("Cmaj7 | Am7 Dm7 | G7 | G7 | Cmaj7 A7 | Dm7 G7 | "
                                      "Cmaj7 | Am7 Dm7 | G7 | G7 | Cmaj7 | Fmaj7 Bb7 | Cmaj7"));
        const auto p = t.progression();
        QCOMPARE(int(p.bars.size()), 13);
        QCOMPARE(p.bars[1][1].symbol, std::string("Dm7"));
        QCOMPARE(p.bars[1][1].offset, 2.0);
    }

    void playlistOfTwo() {
        // A waltz with a D.C. al Fine and a tune with a segno, a D.S. al Coda and a coda.
        const std::string waltz = "[T34D-7XyQ|G7XyQ<Fine>|E-7XyQ|A7 <D.C. al Fine>]";
        const std::string coda = "[T44*AF^7XyQ|SG-7 C7LZF^7XyQ|D7XyQQ|G-7 C7 <D.S. al Coda>]"
                                 "[QG-7 C7LZF6XyQZ";
        const std::string link =
            "irealb://" + percentEncode(proSong("Waltz", "A", "Jazz Waltz", "D-", waltz) +
                                        "===" + proSong("Coda Tune", "B", "Bossa Nova", "F", coda) +
                                        "===Our Set");
        const IRealPlaylist list = decodeIRealLink(link);
        QCOMPARE(qs(list.name), QString("Our Set"));
        QCOMPARE(int(list.tunes.size()), 2);
        QCOMPARE(qs(list.tunes[0].title), QString("Waltz"));
        QCOMPARE(qs(list.tunes[0].key), QString("D-"));
        QCOMPARE(list.tunes[0].timeNumerator, 3);
        QCOMPARE(list.tunes[0].beatsPerBar, 3.0);
        QCOMPARE(qs(bars(list.tunes[0])), QString("Dm7 | G7 | Em7 | A7 | Dm7 | G7"));
        QCOMPARE(list.tunes[0].progression().beatsPerBar, 3.0);
        const IRealTune& second = pickIRealTune(list, "coda tune");
        QCOMPARE(qs(second.style), QString("Bossa Nova"));
        QCOMPARE(qs(bars(second)), QString("Fmaj7 | Gm7 C7 | Fmaj7 | D7 | Gm7 C7 | "
                                           "Gm7 C7 | Fmaj7 | D7 | Gm7 C7 | F6"));
        QCOMPARE(&pickIRealTune(list, "2"), &list.tunes[1]);
        // A playlist needs the tune named; the error lists them.
        try {
            pickIRealTune(list, "");
            QFAIL("a playlist without a tune chosen was accepted");
        } catch (const Error& e) {
            QVERIFY2(qs(e.what()).contains("1 \"Waltz\", 2 \"Coda Tune\""), e.what());
            QVERIFY2(qs(e.what()).contains("Our Set"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, pickIRealTune(list, "3"));
    }

    void plainIrealbookLink() {
        const IRealPlaylist list = decodeIRealLink(
            "irealbook://Two Five=Doe Jane=Medium Swing=Bb=n=T44{D-7 G7 |C^7 |r| |x }");
        QCOMPARE(int(list.tunes.size()), 1);
        QCOMPARE(qs(list.tunes[0].key), QString("Bb"));
        // x repeats one bar, r the two before it; the repeat plays twice.
        QCOMPARE(qs(bars(list.tunes[0])), QString("Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 | Cmaj7 | "
                                                  "Dm7 G7 | Cmaj7 | Dm7 G7 | Cmaj7 | Cmaj7"));
    }

    void chords_data() {
        QTest::addColumn<QString>("chart");
        QTest::addColumn<QString>("expected");
        QTest::newRow("maj7 and minor") << "C^7 D-7 |"
                                        << "Cmaj7 Dm7";
        QTest::newRow("half-diminished, dim7") << "Eh7 Fo7 |"
                                               << "Em7b5 Fdim7";
        QTest::newRow("triangle alone") << "F#^ |"
                                        << "F#maj7";
        QTest::newRow("altered") << "G7alt A7b9#5 |"
                                 << "G7alt A7alt";
        QTest::newRow("minor major") << "Bb-^7 |"
                                     << "BbmMaj7";
        QTest::newRow("six nine, sus") << "C69 C7sus |"
                                       << "C6/9 C7sus4";
        QTest::newRow("minor b6 re-rooted") << "C-b6 |"
                                            << "Abmaj7/C";
        QTest::newRow("slash bass") << "Eb/G |"
                                    << "Eb/G";
        QTest::newRow("invisible root") << "C7 W/E |"
                                        << "C7 C7/E";
        QTest::newRow("no chord") << "n |"
                                  << "N.C.";
        QTest::newRow("alternates ignored") << "D-7(A7b9) |"
                                            << "Dm7";
        QTest::newRow("four on the beats") << "C,D-,E-,F |"
                                           << "C Dm Em F";
        QTest::newRow("three in four beats") << "C7,D7,E7  |"
                                             << "C7 D7 E7 E7";
        QTest::newRow("chord on beat 3 holds the one before") << "D-7XyQ|  G7 |"
                                                              << "Dm7 | Dm7 G7";
        QTest::newRow("slash cells") << "C^7 p p F7 |"
                                     << "Cmaj7 Cmaj7 Cmaj7 F7";
        QTest::newRow("12/8") << "T12C7     F7     |"
                              << "C7 F7";
    }

    void chords() {
        QFETCH(QString, chart);
        QFETCH(QString, expected);
        const std::string c = chart.toStdString();
        const auto form = readIRealChart(
            c.find("XyQ") != std::string::npos ? unscrambleIRealMusic(c) : c, "test");
        std::string got;
        for (const auto& b : form.bars)
            got += (got.empty() ? "" : " | ") + b;
        QCOMPARE(qs(got), expected);
    }

    // Every quality of iReal's chord editor translates to a spelling our chord parser reads.
    void everyIRealQualityParses() {
        const char* qualities[] = {
            "",       "5",     "2",       "add9",   "+",      "o",     "h",      "sus",
            "^",      "-",     "^7",      "-7",     "7",      "7sus",  "h7",     "o7",
            "^9",     "^13",   "6",       "69",     "^7#11",  "^9#11", "^7#5",   "-6",
            "-69",    "-^7",   "-^9",     "-9",     "-11",    "-7b5",  "h9",     "9",
            "7b9",    "7#9",   "7#11",    "7b5",    "7#5",    "9#11",  "9b5",    "9#5",
            "7b13",   "7#9#5", "7#9b5",   "7#9#11", "7b9#11", "7b9b5", "7b9#5",  "7b9#9",
            "7b9b13", "7alt",  "13",      "13#11",  "13b9",   "13#9",  "7b9sus", "7susadd3",
            "9sus",   "13sus", "7b13sus", "11"};
        for (const char* q : qualities) {
            bool known = false;
            const std::string ours = translateIRealQuality(q, &known);
            QVERIFY2(known, q);
            std::string error;
            QVERIFY2(theory::ChordSymbol::tryParse("Bb" + ours, &error), error.c_str());
        }
        bool known = true;
        translateIRealQuality("q7", &known);
        QVERIFY(!known);
        // The re-rooted ones are chords too, by readIRealChart.
        QCOMPARE(qs(readIRealChart("C-#5 |", "t").bars.at(0)), QString("Ab/C"));
    }

    void refused_data() {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown character") << "irealbook://T=C=S=C=n=T44C^7 |Dq7 |"
                                           << "unexpected 'q'";
        QTest::newRow("meter change") << "irealbook://T=C=S=C=n=T44C |T34D |"
                                      << "time signature changes from 4/4 to 3/4 at bar 2";
        QTest::newRow("D.S. without segno") << "irealbook://T=C=S=C=n=T44C |D <D.S. al Fine>|"
                                            << "no segno";
        QTest::newRow("al Coda without coda") << "irealbook://T=C=S=C=n=T44C |D <D.C. al Coda>|"
                                              << "no coda";
        QTest::newRow("custom quality") << "irealbook://T=C=S=C=n=T44C*foo* |"
                                        << "custom chord quality";
        QTest::newRow("unclosed comment") << "irealbook://T=C=S=C=n=T44C <loop |"
                                          << "never closed";
        QTest::newRow("x first") << "irealbook://T=C=S=C=n=T44x |C |"
                                 << "'x' repeats a bar";
        QTest::newRow("unknown meter") << "irealbook://T=C=S=C=n=T99C |"
                                       << "unknown time signature";
        QTest::newRow("no chart") << "irealb://Title=Composer==Style=C==nothing"
                                  << "no song";
        QTest::newRow("fields missing") << "irealb://X=1r34LbKcu7C |"
                                        << "lacks the fields";
        QTest::newRow("short irealbook song") << "irealbook://T=C=S=C"
                                              << "six";
        QTest::newRow("empty chart") << "irealbook://T=C=S=C=n=T44"
                                     << "no bars";
        QTest::newRow("not a link") << "http://example.com"
                                    << "not an iReal Pro link";
    }

    void refused() {
        QFETCH(QString, link);
        QFETCH(QString, reason);
        try {
            decodeIRealLink(link.toStdString());
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(qs(e.what()).contains(reason), e.what());
        }
    }

    // A MIDI file with no chords takes its changes as text; they are placed bar by bar.
    void melodyOnlyFileTakesItsChanges() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("solo.mid").toStdString();
        writeMelodyOnly(path, 4);
        // Without changes the file is refused as having no chords, with the way out named.
        try {
            corpus::importLeadSheet(path, {});
            QFAIL("a melody-only file was accepted without changes");
        } catch (const corpus::NoChordsError& e) {
            QVERIFY2(qs(e.what()).contains("--chords"), e.what());
        }
        corpus::ImportOptions o;
        o.chords = "| Dm7 G7 | Cmaj7 | % | A7 |";
        const corpus::LeadSheet sheet = corpus::importLeadSheet(path, o);
        QCOMPARE(sheet.chordTrack, -1);
        QCOMPARE(int(sheet.measures.size()), 4);
        QCOMPARE(sheet.measures[0].chords.size(), size_t(2));
        QCOMPARE(sheet.measures[0].chords[1].offset, 2.0);
        QCOMPARE(sheet.measures[0].chords[1].duration, 2.0);
        QVERIFY(symbolsOf(sheet.measures[0]) == (std::vector<std::string>{"Dm7", "G7"}));
        QVERIFY(symbolsOf(sheet.measures[2]) == (std::vector<std::string>{"Cmaj7"}));
        QCOMPARE(sheet.measures[3].chords[0].offset, 12.0);
        QVERIFY(symbolsOf(sheet.measures[3]) == (std::vector<std::string>{"A7"}));
        // The grammar reads it like any lead sheet.
        const auto encoded = grammar::encode(sheet);
        QCOMPARE(int(encoded.size()), 4);
        QVERIFY(!encoded[0].empty());
    }

    void wrongBarCountIsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("solo.mid").toStdString();
        writeMelodyOnly(path, 16);
        corpus::ImportOptions o;
        o.chords = "| F7 | Bb7 | F7 | F7 | Bb7 | Bb7 | F7 | D7 | Gm7 | C7 | F7 | C7 |";
        try {
            corpus::importLeadSheet(path, o);
            QFAIL("12 bars of changes were accepted over 16 bars of melody");
        } catch (const Error& e) {
            QVERIFY2(qs(e.what()).contains("solo.mid: the changes have 12 bars but the melody "
                                           "spans 16 bars"),
                     e.what());
        }
        o.chords = "| F7 | Bq7 |";
        try {
            corpus::importLeadSheet(path, o);
            QFAIL("a bad chord was accepted");
        } catch (const Error& e) {
            QVERIFY2(qs(e.what()).contains("bar 2") && qs(e.what()).contains("Bq7"), e.what());
        }
    }

    // A pickup bar may be left out of the changes: it sounds over their last bar.
    void pickupSoundsOverTheLastBar() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("pickup.mid").toStdString();
        writeMelodyOnly(path, 2, 4, 1);
        corpus::ImportOptions o;
        o.chords = "| Cmaj7 | G7 |";
        const auto sheet = corpus::importLeadSheet(path, o);
        QCOMPARE(int(sheet.measures.size()), 3);
        QVERIFY(symbolsOf(sheet.measures[0]) == (std::vector<std::string>{"G7"}));
        QVERIFY(symbolsOf(sheet.measures[1]) == (std::vector<std::string>{"Cmaj7"}));
    }

    void chordChartFiles() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("tune.txt").toStdString();
        std::ofstream(path) << "# Our tune, in F\n"
                               "| F7 | Bb7 | # the IV\n"
                               "\n"
                               "F#m7b5 B7 | %\n";
        QCOMPARE(qs(chart::readChordChart(path)), QString("| F7 | Bb7 | F#m7b5 B7 | % |"));
        std::ofstream(path) << "| F7 |\n| Bq7 |\n";
        try {
            chart::readChordChart(path);
            QFAIL("a bad chord was accepted");
        } catch (const Error& e) {
            QVERIFY2(qs(e.what()).contains("tune.txt:2") && qs(e.what()).contains("Bq7"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, chart::parseChordChart("# nothing\n", "empty.txt"));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 chart::readChordChart(dir.filePath("missing.txt").toStdString()));
    }

    void formsEnd() {
        // A D.C. is taken once, and after it the repeat plays once: C, then C from the top.
        const auto f = readIRealChart("{C <D.C.> }", "loop");
        QCOMPARE(int(f.bars.size()), 2);
        // A form past kMaxIRealBars is refused, not played.
        std::string many = "T44C ";
        for (int i = 0; i < kMaxIRealBars + 5; ++i)
            many += "|x ";
        QVERIFY_THROWS_EXCEPTION(Error, readIRealChart(many, "long"));
    }
};

QTEST_GUILESS_MAIN(TestChart)
#include "test_chart.moc"
