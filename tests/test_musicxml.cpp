// MusicXML lead sheets in and out: hand-written files (pickups, ties, tuplets, .mxl, parts and
// voices, degrees, broken XML) read as lead sheets; a take written and read back the same; the
// export read by a real reader, MuseScore 3, whose MIDI must hold the take's notes.
#include "Error.h"
#include "corpus/MusicXmlHarmony.h"
#include "corpus/MusicXmlReader.h"
#include "generate/Progression.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "notation/MusicXmlWriter.h"
#include "notation/NoteSpelling.h"
#include "theory/ChordSymbol.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

using namespace jazz;

namespace {

const QString kData = QStringLiteral(JAZZ_SOURCE_DIR "/tests/data/musicxml/");

struct Expected {
    double offset, duration;
    std::vector<int> pitches; // empty: a rest
};

// Every melody event of the sheet, bar after bar.
std::vector<corpus::MelodyEvent> melody(const corpus::LeadSheet& s) {
    std::vector<corpus::MelodyEvent> out;
    for (const auto& m : s.measures)
        out.insert(out.end(), m.melody.begin(), m.melody.end());
    return out;
}

std::vector<corpus::ChordEvent> chords(const corpus::LeadSheet& s) {
    std::vector<corpus::ChordEvent> out;
    for (const auto& m : s.measures)
        out.insert(out.end(), m.chords.begin(), m.chords.end());
    return out;
}

void compareMelody(const corpus::LeadSheet& s, const std::vector<Expected>& want) {
    const auto got = melody(s);
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        const QString at = QString("event %1").arg(i);
        QVERIFY2(std::abs(got[i].offset - want[i].offset) < 1e-9, qPrintable(at));
        QVERIFY2(std::abs(got[i].duration - want[i].duration) < 1e-9, qPrintable(at));
        QVERIFY2(got[i].pitches == want[i].pitches, qPrintable(at));
        QCOMPARE(got[i].kind == corpus::MelodyEvent::Rest, want[i].pitches.empty());
    }
}

std::vector<int> voiced(const char* symbol) {
    return theory::ChordSymbol::parse(symbol).voicing(3);
}

// A take that needs every notation device: dotted values, ties over beats and bar lines,
// eighth-, quarter- and sixteenth-note triplets, sixteenths, rests, chords inside notes.
generate::Arrangement testTake() {
    generate::Arrangement a;
    a.tempo = 150;
    a.solo.progression =
        generate::Progression::parse("| Dm7 G7b9 | Cmaj7 C7#9 | F13 Bbm7b5 | Bb7 Eb/G |");
    const double t = 1.0 / 3, s = 1.0 / 6;
    a.solo.notes = {{0, 1.5, 62},        {1.5, 0.5, 65},  {2, t, 68},         {2 + t, t, 71},
                    {2 + 2 * t, t, 74},  {3, 1.5, 67},    {4.5, 0.25, 64},    {4.75, 0.25, 65},
                    {5, 0.5, 67},        {6, 2 * t, 63},  {6 + 2 * t, t, 61}, {7, 3, 70},
                    {10, 0.75, 68},      {11, 1, 66},     {12, s, 72},        {12 + s, s, 73},
                    {12 + 2 * s, s, 75}, {12.5, 0.5, 77}, {13, 3, 70}};
    return a;
}

// A seeded line on the 1/12 grid that mixes sixteenths, triplets, long notes and rests in any
// order, over bar lines and beats: what an improviser may play and notation must still say.
generate::Arrangement randomTake(uint32_t seed, double beatsPerBar) {
    generate::Arrangement a;
    a.solo.progression = generate::Progression::parse(
        "| Dm7 G7 | Cmaj7 | F#m7b5 B7b9 | Em7 A7#9 | Ebmaj7 | Ab7 | Dbmaj7 | Gm7 C7alt |",
        beatsPerBar);
    std::mt19937 rng(seed);
    const int lengths[] = {3, 4, 6, 8, 9, 12, 18, 24, 2, 1, 36, 5};
    int t = int(rng() % 6);
    while (true) {
        const int units = lengths[rng() % std::size(lengths)];
        if (t + units > int(8 * beatsPerBar * 12))
            break;
        if (rng() % 5 != 0)
            a.solo.notes.push_back({t / 12.0, units / 12.0, 55 + int(rng() % 30), 90});
        t += units;
    }
    return a;
}

QString musescore() {
    for (const char* name : {"musescore3", "mscore3"}) {
        const QString p = QStandardPaths::findExecutable(name);
        if (!p.isEmpty())
            return p;
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(std::vector<Expected>)

class TestMusicXml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pickupTiesTupletsAndHarmony() {
        const auto s = corpus::readMusicXml((kData + "pickup_ties_tuplets.musicxml").toStdString());
        const double t = 1.0 / 3;
        compareMelody(s, {{0, 0.5, {67}},
                          {0.5, 0.5, {69}}, // pickup
                          {1, 2, {70}},
                          {3, t, {72}}, // grace note left out
                          {3 + t, t, {74}},
                          {3 + 2 * t, t, {75}}, // triplet
                          {4, 2, {77}},         // tied over the bar line
                          {6, 1, {}},
                          {7, 0.25, {79}},
                          {7.25, 0.75, {81}},
                          {8, 3, {67}},
                          {11, 3, {}}});
        // The pickup bar lasts one beat; 4/4 then 3/4.
        const double starts[] = {0, 1, 5, 8, 11}, lengths[] = {1, 4, 3, 3, 3};
        QCOMPARE(s.measures.size(), size_t(5));
        for (size_t i = 0; i < 5; ++i) {
            QCOMPARE(s.measures[i].start, starts[i]);
            QCOMPARE(s.measures[i].length, lengths[i]);
        }
        QCOMPARE(s.beatsPerBar, 4.0);
        const auto c = chords(s);
        QCOMPARE(c.size(), size_t(7));
        const double onsets[] = {0, 1, 3, 5, 6, 8, 11};
        const std::vector<int> pitches[] = {{},
                                            voiced("F7"),
                                            voiced("Bb7b9"),
                                            voiced("C/E"),
                                            voiced("Dm7b5"),
                                            voiced("G7sus4"),
                                            voiced("F/A")};
        for (size_t i = 0; i < c.size(); ++i) {
            QCOMPARE(c[i].offset, onsets[i]);
            QCOMPARE(c[i].pitches, pitches[i]);
        }
        QCOMPARE(c[0].symbol().toString(), std::string("N.C."));
        QVERIFY2(s.remarks.find("repeats left unexpanded") != std::string::npos, s.remarks.c_str());
    }

    void partsAndVoices_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("part");
        QTest::addColumn<std::vector<Expected>>("line");
        // The saxophone is written a major ninth above concert: D5 sounds C4.
        const std::vector<Expected> sax1 = {{0, 1, {60}}, {1, 1, {62}}, {2, 2, {64}},
                                            {4, 1, {65}}, {5, 1, {}},   {6, 2, {60}}};
        QTest::newRow("automatic: the part with chord symbols, voice 1") << "" << 1 << sax1;
        QTest::newRow("by name") << "tenor sax" << 1 << sax1;
        QTest::newRow("by id and voice")
            << "P2:2" << 1 << std::vector<Expected>{{0, 4, {57}}, {4, 4, {}}};
        QTest::newRow("by name and voice")
            << "Tenor Sax:2" << 1 << std::vector<Expected>{{0, 4, {57}}, {4, 4, {}}};
        QTest::newRow("by index: the piano's chords as double stops")
            << "0" << 0 << std::vector<Expected>{{0, 4, {60, 64, 67}}, {4, 4, {62, 65, 69}}};
    }

    void partsAndVoices() {
        QFETCH(QString, spec);
        QFETCH(int, part);
        QFETCH(std::vector<Expected>, line);
        corpus::ImportOptions o;
        o.melodyPart = spec.toStdString();
        // Through the corpus dispatch, as `corpus`, `train` and the studio load files.
        const auto sheets =
            corpus::loadLeadSheets((kData + "parts_and_voices.musicxml").toStdString(), o);
        QCOMPARE(sheets.size(), size_t(1));
        const auto& s = sheets[0];
        QCOMPARE(s.melodyTrack, part);
        QCOMPARE(s.tracks.size(), size_t(2));
        QCOMPARE(s.tracks[1].name, std::string("Tenor Sax"));
        compareMelody(s, line);
        // The chords are always the saxophone's symbols, transposed to concert pitch.
        QCOMPARE(s.chordTrack, 1);
        const auto c = chords(s);
        QCOMPARE(c.size(), size_t(2));
        QCOMPARE(c[0].pitches, voiced("Cmaj7"));
        QCOMPARE(c[1].pitches, voiced("Dm7"));
        if (spec.isEmpty())
            QVERIFY2(s.melodyReason.find("chord symbols") != std::string::npos &&
                         s.melodyReason.find("voice 1 of 2") != std::string::npos,
                     s.melodyReason.c_str());
    }

    // Without any <harmony>, the chords come from the part that plays them, as with MIDI.
    void chordsFromAChordalPartWithoutSymbols() {
        QFile f(kData + "parts_and_voices.musicxml");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = QString::fromUtf8(f.readAll())
                                   .remove(QRegularExpression("<harmony>.*?</harmony>"))
                                   .toUtf8();
        QVERIFY(!xml.contains("<harmony"));
        const std::vector<char> bytes(xml.begin(), xml.end());
        const auto s = corpus::parseMusicXml(bytes, "plain.musicxml");
        QCOMPARE(s.melodyTrack, 1); // the saxophone: the most notes that sound alone
        QCOMPARE(s.chordTrack, 0);
        const auto c = chords(s);
        QCOMPARE(c.size(), size_t(2));
        QCOMPARE(c[0].pitches, (std::vector<int>{60, 64, 67}));
        QCOMPARE(c[1].pitches, (std::vector<int>{62, 65, 69}));
        QCOMPARE(c[1].offset, 4.0);
        QVERIFY2(s.chordReason.find("no chord symbols; most chordal") != std::string::npos,
                 s.chordReason.c_str());
    }

    // Slash noteheads (comp here), unpitched and cue notes are no melody: they read as rests.
    void slashesAreNotMelody() {
        const QByteArray xml =
            "<score-partwise><part-list><score-part id=\"P1\"/></part-list><part id=\"P1\">"
            "<measure number=\"1\"><attributes><divisions>1</divisions></attributes>"
            "<harmony><root><root-step>G</root-step></root><kind>dominant</kind></harmony>"
            "<note><pitch><step>C</step><octave>5</octave></pitch><duration>2</duration></note>"
            "<note><pitch><step>D</step><octave>5</octave></pitch><duration>2</duration></note>"
            "</measure><measure number=\"2\">"
            "<note><pitch><step>B</step><octave>4</octave></pitch><duration>2</duration>"
            "<notehead>slash</notehead></note>"
            "<note><unpitched><display-step>B</display-step><display-octave>4</display-octave>"
            "</unpitched><duration>2</duration></note></measure></part></score-partwise>";
        const auto s =
            corpus::parseMusicXml(std::vector<char>(xml.begin(), xml.end()), "slash.xml");
        compareMelody(s, {{0, 2, {72}}, {2, 2, {74}}, {4, 2, {}}, {6, 2, {}}});
    }

    // A song: the singer's line without symbols over a piano that plays the chords and
    // carries the symbols. The melody is the singer's; the chords are the piano's symbols.
    void singerOverChordSymbolsInThePiano() {
        QByteArray xml =
            "<score-partwise><part-list><score-part id=\"V\"><part-name>Voice</part-name>"
            "</score-part><score-part id=\"P\"><part-name>Piano</part-name></score-part>"
            "</part-list><part id=\"V\"><measure><attributes><divisions>1</divisions>"
            "</attributes>";
        for (const char* step : {"E", "G", "A", "G"})
            xml += QByteArray("<note><pitch><step>") + step +
                   "</step><octave>5</octave></pitch><duration>1</duration></note>";
        xml += "</measure></part><part id=\"P\"><measure><attributes><divisions>1</divisions>"
               "</attributes><harmony><root><root-step>C</root-step></root><kind>major</kind>"
               "</harmony>";
        for (int beat = 0; beat < 4; ++beat)
            xml +=
                "<note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note>"
                "<note><chord/><pitch><step>E</step><octave>4</octave></pitch><duration>1</"
                "duration></note>"
                "<note><chord/><pitch><step>G</step><octave>4</octave></pitch><duration>1</"
                "duration></note>";
        xml += "</measure></part></score-partwise>";
        const auto s = corpus::parseMusicXml(std::vector<char>(xml.begin(), xml.end()), "song.xml");
        QCOMPARE(s.melodyTrack, 0);
        QCOMPARE(s.chordTrack, 1);
        compareMelody(s, {{0, 1, {76}}, {1, 1, {79}}, {2, 1, {81}}, {3, 1, {79}}});
        QCOMPARE(chords(s).size(), size_t(1));
        QCOMPARE(chords(s)[0].pitches, voiced("C"));
    }

    void compressedWithDegrees() {
        const auto s = corpus::readMusicXml((kData + "degrees.mxl").toStdString());
        compareMelody(s, {{0, 1, {75}}, {1, 1, {74}}, {2, 1, {69}}, {3, 1, {77}}});
        const auto c = chords(s);
        QCOMPARE(c.size(), size_t(4));
        QCOMPARE(c[0].pitches, voiced("C7#9"));
        QCOMPARE(c[1].pitches, voiced("F13"));
        QCOMPARE(c[2].pitches, voiced("BbmMaj7"));
        QCOMPARE(c[3].pitches, (std::vector<int>{57, 61, 67, 77})); // A7, no 5th, added b13
    }

    void brokenFiles_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QStringList>("says");
        const QByteArray head =
            "<?xml version=\"1.0\"?>\n<score-partwise>\n<part-list><score-part "
            "id=\"P1\"><part-name>Alto</part-name></score-part></part-list>\n"
            "<part id=\"P1\">\n<measure number=\"1\">\n"
            "<attributes><divisions>2</divisions></attributes>\n"
            "<harmony><root><root-step>C</root-step></root><kind>major</kind></harmony>\n";
        const QByteArray note =
            "<note><pitch><step>C</step><octave>5</octave></pitch><duration>8</duration></note>\n";
        const QByteArray tail = "</measure>\n</part>\n</score-partwise>\n";
        QTest::newRow("mismatched tags")
            << "broken.musicxml" << head + "<note><pitch></note>\n" + tail << ""
            << QStringList{"broken.musicxml:8:", "XML error"};
        QTest::newRow("truncated")
            << "cut.xml" << head << "" << QStringList{"cut.xml:", "XML error"};
        QTest::newRow("bad duration")
            << "bad.musicxml"
            << head +
                   "<note><pitch><step>C</step><octave>5</octave></pitch><duration>abc</duration></"
                   "note>\n" +
                   tail
            << ""
            << QStringList{
                   "bad.musicxml:8: measure 1 of part P1: <duration> 'abc' is not a number"};
        QTest::newRow("bad step") << "step.musicxml"
                                  << head +
                                         "<note><pitch><step>H</step><octave>5</octave></"
                                         "pitch><duration>8</duration></note>\n" +
                                         tail
                                  << ""
                                  << QStringList{"step.musicxml:8:",
                                                 "<step> 'H' is not a letter A-G"};
        QTest::newRow("no duration")
            << "nodur.musicxml"
            << head + "<note><pitch><step>C</step><octave>5</octave></pitch></note>\n" + tail << ""
            << QStringList{"nodur.musicxml:8:", "<note> without a <duration>"};
        QTest::newRow("harmony without kind")
            << "kind.musicxml"
            << head + "<harmony><root><root-step>D</root-step></root></harmony>\n" + note + tail
            << "" << QStringList{"kind.musicxml:8:", "<harmony> without a <kind>"};
        QTest::newRow("timewise") << "tw.musicxml"
                                  << QByteArray("<?xml version=\"1.0\"?>\n<score-timewise/>\n")
                                  << ""
                                  << QStringList{"tw.musicxml:2:",
                                                 "<score-timewise> scores are not supported"};
        QTest::newRow("not MusicXML") << "page.xml" << QByteArray("<html><body/></html>") << ""
                                      << QStringList{"page.xml:", "not a MusicXML score"};
        QTest::newRow("empty") << "empty.musicxml" << QByteArray() << ""
                               << QStringList{"empty.musicxml:"};
        QByteArray noChords = head + note + tail;
        noChords.replace(
            "<harmony><root><root-step>C</root-step></root><kind>major</kind></harmony>\n", "");
        QTest::newRow("no chord symbols") << "nochords.musicxml" << noChords << ""
                                          << QStringList{"nochords.musicxml: no chord symbols"};
        QTest::newRow("unknown part")
            << "ok.musicxml" << head + note + tail << "Tuba"
            << QStringList{"ok.musicxml: no part 'Tuba'", "part 0 \"Alto\" (P1)"};
        QTest::newRow("unknown voice")
            << "ok.musicxml" << head + note + tail << "P1:3"
            << QStringList{"no notes in voice '3'", "voices with notes: 1"};
        QTest::newRow("damaged archive")
            << "bad.mxl" << QByteArray("PK\x03\x04 this is no zip") << ""
            << QStringList{"bad.mxl: not a compressed MusicXML (.mxl) file"};
    }

    void brokenFiles() {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, spec);
        QFETCH(QStringList, says);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        corpus::ImportOptions o;
        o.melodyPart = spec.toStdString();
        try {
            corpus::loadLeadSheets(path.toStdString(), o);
            QFAIL("accepted a broken file");
        } catch (const Error& e) {
            const QString what = QString::fromStdString(e.what());
            for (const QString& s : says)
                QVERIFY2(what.contains(s), qPrintable(what));
        }
    }

    void harmonyKindsAndDegreesRoundTrip_data() {
        QTest::addColumn<QString>("symbol");
        for (const char* s :
             {"C",     "Cm",    "C7",     "Cm7",   "Cmaj7", "Cm7b5",    "Cdim7", "Cdim",   "Caug",
              "C6",    "Cm6",   "CmMaj7", "C9",    "Cm9",   "Cmaj9",    "C7b9",  "C7#9",   "C7#11",
              "C7b13", "C7#5",  "C7b5",   "C11",   "Cm11",  "C13",      "Cm13",  "Cmaj13", "C7alt",
              "Csus4", "Csus2", "C7sus4", "Cadd9", "C6/9",  "Cmaj7#11", "C5"})
            QTest::newRow(s) << s;
    }

    // Every chord quality the studio writes comes back from its <kind> and <degree>s.
    void harmonyKindsAndDegreesRoundTrip() {
        QFETCH(QString, symbol);
        const auto c = theory::ChordSymbol::parse(symbol.toStdString());
        const auto spelled = corpus::spellHarmony(c.intervals());
        const auto base = corpus::kindIntervals(spelled.kind);
        QVERIFY(base);
        QCOMPARE(corpus::applyDegrees(spelled.kind, *base, spelled.degrees), c.intervals());
    }

    void kinds_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<std::vector<int>>("intervals");
        QTest::newRow("major") << "major" << std::vector<int>{0, 4, 7};
        QTest::newRow("half-diminished") << "half-diminished" << std::vector<int>{0, 3, 6, 10};
        QTest::newRow("diminished-seventh") << "diminished-seventh" << std::vector<int>{0, 3, 6, 9};
        QTest::newRow("augmented-seventh") << "augmented-seventh" << std::vector<int>{0, 4, 8, 10};
        QTest::newRow("major-minor") << "major-minor" << std::vector<int>{0, 3, 7, 11};
        QTest::newRow("dominant-11th") << "dominant-11th" << std::vector<int>{0, 4, 7, 10, 14, 17};
        QTest::newRow("minor-13th") << "minor-13th" << std::vector<int>{0, 3, 7, 10, 14, 21};
        QTest::newRow("suspended-second") << "suspended-second" << std::vector<int>{0, 2, 7};
        QTest::newRow("power") << "power" << std::vector<int>{0, 7};
        QTest::newRow("none is N.C.") << "none" << std::vector<int>{};
    }

    void kinds() {
        QFETCH(QString, kind);
        QFETCH(std::vector<int>, intervals);
        const auto got = corpus::kindIntervals(kind.toStdString());
        QVERIFY(got);
        QCOMPARE(*got, intervals);
        QVERIFY(!corpus::kindIntervals("dominant-seventh")); // not a MusicXML value
    }

    void spelling_data() {
        QTest::addColumn<int>("midi");
        QTest::addColumn<QString>("chord");
        QTest::addColumn<QString>("name");
        QTest::newRow("b9 of C7") << 61 << "C7b9"
                                  << "Db4";
        QTest::newRow("#9 of C7#9") << 63 << "C7#9"
                                    << "D#4";
        QTest::newRow("b9 of G7") << 68 << "G7b9"
                                  << "Ab4";
        QTest::newRow("3rd of D7") << 66 << "D7"
                                   << "F#4";
        QTest::newRow("b7 of C7") << 70 << "C7"
                                  << "Bb4";
        QTest::newRow("#11 of C7") << 66 << "C7"
                                   << "F#4";
        QTest::newRow("b5 of Cm7b5") << 66 << "Cm7b5"
                                     << "Gb4";
        QTest::newRow("#5 of C7#5") << 68 << "C7#5"
                                    << "G#4";
        QTest::newRow("4th of Bb7") << 75 << "Bb7"
                                    << "Eb5";
        QTest::newRow("blue note over Bb7") << 61 << "Bb7"
                                            << "Db4";
        QTest::newRow("3rd of F#7") << 70 << "F#7"
                                    << "A#4";
        QTest::newRow("7th of Gb7") << 64 << "Gb7"
                                    << "Fb4";
        QTest::newRow("b9 of Db7, not Ebb") << 62 << "Db7"
                                            << "D4";
        QTest::newRow("no chord: flats") << 63 << "N.C."
                                         << "Eb4";
        QTest::newRow("no chord: F#") << 66 << "N.C."
                                      << "F#4";
        QTest::newRow("B# keeps its octave") << 60 << "G#7"
                                             << "B#3";
    }

    void spelling() {
        QFETCH(int, midi);
        QFETCH(QString, chord);
        QFETCH(QString, name);
        const theory::Pitch p =
            notation::spellOver(midi, theory::ChordSymbol::parse(chord.toStdString()));
        QCOMPARE(p.midi(), midi);
        QString got(QChar(theory::stepLetter(p.step())));
        got +=
            QString(std::abs(p.alter()), p.alter() > 0 ? '#' : 'b') + QString::number(p.octave());
        QCOMPARE(got, name);
    }

    void roundTrip_data() {
        QTest::addColumn<uint32_t>("seed"); // 0: testTake()
        QTest::addColumn<double>("beats");
        QTest::newRow("every notation device") << 0u << 4.0;
        for (uint32_t s = 1; s <= 4; ++s)
            QTest::newRow(qPrintable(QString("random line %1").arg(s))) << s << 4.0;
        QTest::newRow("random line in 3/4") << 5u << 3.0;
        QTest::newRow("random line in 5/8") << 6u << 2.5;
    }

    // Our MusicXML out, then our MusicXML in: the same notes and chords.
    void roundTrip() {
        QFETCH(uint32_t, seed);
        QFETCH(double, beats);
        const generate::Arrangement take = seed ? randomTake(seed, beats) : testTake();
        QTemporaryDir dir;
        const std::string path = dir.filePath("take.musicxml").toStdString();
        notation::writeMusicXml(take, path, "Test take");
        const corpus::LeadSheet s = corpus::readMusicXml(path);
        std::vector<corpus::MelodyEvent> notes;
        for (const auto& e : melody(s))
            if (e.kind != corpus::MelodyEvent::Rest)
                notes.push_back(e);
        QCOMPARE(notes.size(), take.solo.notes.size());
        for (size_t i = 0; i < notes.size(); ++i) {
            const auto& n = take.solo.notes[i];
            const QString at = QString("note %1").arg(i);
            QVERIFY2(std::abs(notes[i].offset - n.start) < 1e-9, qPrintable(at));
            QVERIFY2(std::abs(notes[i].duration - n.duration) < 1e-9, qPrintable(at));
            QCOMPARE(notes[i].pitches, std::vector<int>{n.pitch});
        }
        const auto c = chords(s);
        size_t k = 0;
        for (size_t bar = 0; bar < take.solo.progression.bars.size(); ++bar)
            for (const auto& ch : take.solo.progression.bars[bar]) {
                QVERIFY(k < c.size());
                QCOMPARE(c[k].offset, bar * beats + ch.offset);
                QVERIFY2(c[k].pitches == ch.pitches, ch.symbol.c_str());
                ++k;
            }
        QCOMPARE(k, c.size());
        QCOMPARE(s.measures.size(), take.solo.progression.bars.size());
    }

    // What a reader sees: the notation devices the take needs, and no more.
    void notationOfTheTake() {
        const QString xml = QString::fromStdString(notation::toMusicXml(testTake(), "Test take"));
        QVERIFY(xml.contains("<work-title>Test take</work-title>"));
        QVERIFY(xml.contains("<sound tempo=\"150\"/>"));
        QVERIFY(xml.contains("<per-minute>150</per-minute>"));
        // Triplets on beat 3 of bar 1, beat 3 of bar 2 and beat 1 of bar 4.
        QCOMPARE(xml.count("<tuplet type=\"start\""), 3);
        QCOMPARE(xml.count("<tuplet type=\"stop\""), 3);
        // Ties: the dotted quarter over beat 2, the notes over bar lines 1|2 and 2|3, and the
        // last note from beat 2 into a half.
        QCOMPARE(xml.count("<tie type=\"start\"/>"), 4);
        QCOMPARE(xml.count("<tied type=\"stop\"/>"), 4);
        QCOMPARE(xml.count("<harmony>"), 8);
        QVERIFY(xml.contains("<kind text=\"7b9\">dominant</kind>"));
        QVERIFY(xml.contains("<kind text=\"m7b5\">half-diminished</kind>"));
        QVERIFY(xml.contains("<bass-step>G</bass-step>"));
        // Ab over G7b9 and Bbm7b5, D# over C7#9 and no G# anywhere.
        auto spelled = [&](const char* step, int alter, int octave) {
            return xml.count(QRegularExpression(QString("<step>%1</step>\\s*<alter>%2</alter>\\s*"
                                                        "<octave>%3</octave>")
                                                    .arg(step)
                                                    .arg(alter)
                                                    .arg(octave)));
        };
        QCOMPARE(spelled("A", -1, 4), 2);
        QCOMPARE(spelled("D", 1, 4), 1);
        QCOMPARE(spelled("G", 1, 4), 0);
    }

    void museScoreReadsTheExport_data() { roundTrip_data(); }

    // Accidentals as a reader prints them in C: once per bar and staff position, again after a
    // change, not on a note tied over; a note tied over a chord change keeps its spelling.
    void accidentals() {
        generate::Arrangement a;
        a.solo.progression = generate::Progression::parse("| C7 | C7 Db7 |");
        a.solo.notes = {{0, 1, 70}, {1, 1, 70}, {2, 1, 71}, {3, 2, 70}, {5, 2, 73}};
        const QString xml = QString::fromStdString(notation::toMusicXml(a, "Accidentals"));
        const QRegularExpression accidental("<accidental>(\\w+)</accidental>");
        QStringList shown;
        for (auto it = accidental.globalMatch(xml); it.hasNext();)
            shown << it.next().captured(1);
        // Bb, (Bb), B natural, Bb tied into bar 2 (no repeat), Db from beat 2 over C7 tied on
        // over Db7 (the Db is spelled once, as the note began).
        QCOMPARE(shown, (QStringList{"flat", "natural", "flat", "flat"}));
        QCOMPARE(xml.count("<step>C</step>\n            <alter>1</alter>"), 0);
    }

    void keySignature_data() {
        QTest::addColumn<QString>("chords");
        QTest::addColumn<int>("fifths");
        QTest::addColumn<QStringList>("accidentals"); // for Bb4, B4, Bb4 over the first bar
        QTest::newRow("F major: Bb in the key")
            << "| Gm7 C7 | Fmaj7 |" << -1 << QStringList{"natural", "flat"};
        QTest::newRow("blues in F: the first chord")
            << "| F7 | Bb7 | C7 |" << -1 << QStringList{"natural", "flat"};
        QTest::newRow("C minor: three flats")
            << "| Cm7 | Fm7 | Dm7b5 G7 |" << -3 << QStringList{"natural", "flat"};
        // A# as Em7's #11, B in the key, Bb as A7's b9.
        QTest::newRow("D major: sharps")
            << "| Em7 A7 | Dmaj7 |" << 2 << QStringList{"sharp", "flat"};
    }

    void keySignature() {
        QFETCH(QString, chords);
        QFETCH(int, fifths);
        QFETCH(QStringList, accidentals);
        generate::Arrangement a;
        a.solo.progression = generate::Progression::parse(chords.toStdString());
        a.solo.notes = {{0, 1, 70}, {1, 1, 71}, {2, 1, 70}};
        const QString xml = QString::fromStdString(notation::toMusicXml(a, "Key"));
        QVERIFY(xml.contains(QString("<fifths>%1</fifths>").arg(fifths)));
        const QRegularExpression accidental("<accidental>(\\w+)</accidental>");
        QStringList shown;
        for (auto it = accidental.globalMatch(xml); it.hasNext();)
            shown << it.next().captured(1);
        QVERIFY2(shown == accidentals, qPrintable(shown.join(",")));
    }

    // A real reader: MuseScore 3 converts our file to MIDI, and the notes come back the same.
    void museScoreReadsTheExport() {
        QFETCH(uint32_t, seed);
        QFETCH(double, beats);
        const QString mscore = musescore();
        if (mscore.isEmpty())
            QSKIP("musescore3 is not installed (Debian package musescore3; .ci/setup installs it)");
        QTemporaryDir dir;
        const generate::Arrangement take = seed ? randomTake(seed, beats) : testTake();
        const QString in = dir.filePath("take.musicxml"), out = dir.filePath("take.mid");
        notation::writeMusicXml(take, in.toStdString(), "MuseScore check");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Headless and without touching the user's MuseScore settings.
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("HOME", dir.filePath("home"));
        env.insert("XDG_RUNTIME_DIR", dir.filePath("run"));
        env.insert("XDG_CONFIG_HOME", dir.filePath("home/.config"));
        QDir(dir.path()).mkpath("home/.config");
        QDir(dir.path()).mkpath("run");
        QFile::setPermissions(dir.filePath("run"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        p.setProcessEnvironment(env);
        // One run, two conversions: to MIDI, and back to compressed MusicXML as MuseScore
        // writes it (which our reader must read as the same lead sheet).
        const QString mxl = dir.filePath("musescore.mxl");
        QFile job(dir.filePath("job.json"));
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write(
            QString("[{\"in\": \"%1\", \"out\": [\"%2\", \"%3\"]}]").arg(in, out, mxl).toUtf8());
        job.close();
        p.start(mscore, {"-j", job.fileName()});
        QVERIFY(p.waitForFinished(180000));
        QVERIFY2(QFile::exists(out) && QFile::exists(mxl),
                 (p.readAllStandardError() + p.readAllStandardOutput()).constData());
        const corpus::LeadSheet back = corpus::readMusicXml(mxl.toStdString());
        std::vector<corpus::MelodyEvent> sounding;
        for (const auto& e : melody(back))
            if (e.kind != corpus::MelodyEvent::Rest)
                sounding.push_back(e);
        QCOMPARE(sounding.size(), take.solo.notes.size());
        for (size_t i = 0; i < sounding.size(); ++i) {
            QCOMPARE(sounding[i].pitches, std::vector<int>{take.solo.notes[i].pitch});
            QVERIFY(std::abs(sounding[i].offset - take.solo.notes[i].start) < 1e-6);
            QVERIFY(std::abs(sounding[i].duration - take.solo.notes[i].duration) < 1e-6);
        }
        const auto c = chords(back);
        size_t k = 0;
        for (size_t b = 0; b < take.solo.progression.bars.size(); ++b)
            for (const auto& ch : take.solo.progression.bars[b]) {
                QVERIFY(k < c.size());
                QVERIFY2(c[k].pitches == ch.pitches, ch.symbol.c_str());
                QVERIFY2(std::abs(c[k].offset - (b * beats + ch.offset)) < 1e-6, ch.symbol.c_str());
                ++k;
            }
        QCOMPARE(k, c.size());
        const midi::Song song = midi::toSong(midi::read(out.toStdString()));
        std::vector<midi::SongNote> got;
        for (const auto& t : song.tracks)
            got.insert(got.end(), t.notes.begin(), t.notes.end());
        std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) {
            return a.start < b.start || (a.start == b.start && a.pitch < b.pitch);
        });
        const auto& want = take.solo.notes;
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            const QString at = QString("note %1: MuseScore %2 at %3 for %4, take %5 at %6 for %7")
                                   .arg(i)
                                   .arg(got[i].pitch)
                                   .arg(got[i].start)
                                   .arg(got[i].duration)
                                   .arg(want[i].pitch)
                                   .arg(want[i].start)
                                   .arg(want[i].duration);
            QVERIFY2(got[i].pitch == want[i].pitch, qPrintable(at));
            QVERIFY2(std::abs(got[i].start - want[i].start) < 0.01, qPrintable(at));
            // MuseScore shortens notes a little as players do; tied notes sound as one.
            QVERIFY2(got[i].duration > want[i].duration * 0.8 - 0.01 &&
                         got[i].duration < want[i].duration + 0.01,
                     qPrintable(at));
        }
    }
};

QTEST_GUILESS_MAIN(TestMusicXml)
#include "test_musicxml.moc"
