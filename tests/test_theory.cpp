// Music theory the grammar needs: MIDI spelling, spelled intervals and their arithmetic,
// chord symbols both ways.
#include "Error.h"
#include "theory/ChordAtTime.h"
#include "theory/ChordSymbol.h"
#include "theory/Interval.h"
#include "theory/Pitch.h"

#include <QtTest>

using namespace jazz;
using namespace jazz::theory;

static Pitch P(const char* s) { return *Pitch::parse(s); }

class TestTheory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void midiSpelling() {
        const char* names[12] = {"C", "C#", "D", "E-", "E", "F", "F#", "G", "G#", "A", "B-", "B"};
        for (int m = 0; m < 128; ++m) {
            const Pitch p = Pitch::fromMidi(m);
            QCOMPARE(QString::fromStdString(p.name()), QString(names[m % 12]));
            QCOMPARE(p.midi(), m);
        }
        QCOMPARE(QString::fromStdString(Pitch::fromMidi(60).nameWithOctave()), QString("C4"));
        QCOMPARE(QString::fromStdString(Pitch::fromMidi(70).nameWithOctave()), QString("B-4"));
    }

    void intervals_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("semitones");
        QTest::newRow("unison") << "C4" << "C4" << "P1" << 0;
        QTest::newRow("minor second") << "E4" << "F4" << "m2" << 1;
        QTest::newRow("major second down") << "E4" << "D4" << "M-2" << -2;
        QTest::newRow("diminished fifth") << "B3" << "F4" << "d5" << 6;
        QTest::newRow("augmented fourth") << "F4" << "B4" << "A4" << 6;
        QTest::newRow("perfect fourth down") << "C5" << "G4" << "P-4" << -5;
        QTest::newRow("doubly diminished fifth") << "B#3" << "F4" << "dd5" << 5;
        QTest::newRow("perfect eleventh") << "C4" << "F5" << "P11" << 17;
        QTest::newRow("diminished octave down") << "C5" << "C#4" << "d-8" << -11;
        QTest::newRow("G# to C is a diminished fourth") << "G#4" << "C5" << "d4" << 4;
        QTest::newRow("minor sixth down") << "C4" << "E3" << "m-6" << -8;
        QTest::newRow("augmented second") << "E-4" << "F#4" << "A2" << 3;
        QTest::newRow("major ninth") << "C4" << "D5" << "M9" << 14;
        QTest::newRow("minor third down") << "C4" << "A3" << "m-3" << -3;
    }

    void intervals() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, name);
        QFETCH(int, semitones);
        const Interval i =
            Interval::between(P(from.toLatin1().constData()), P(to.toLatin1().constData()));
        QCOMPARE(QString::fromStdString(i.directedName()), name);
        QCOMPARE(i.semitones(), semitones);
        // Parsing the name gives the same interval, and transposing lands on the target.
        const auto parsed = Interval::parse(name.toStdString());
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->semitones(), semitones);
        QCOMPARE(QString::fromStdString(parsed->transpose(P(from.toLatin1().constData())).nameWithOctave()),
                 to);
    }

    void arithmetic_data() {
        QTest::addColumn<QString>("interval");
        QTest::addColumn<QString>("plusMinorThird");
        QTest::addColumn<QString>("minusMinorThird");
        QTest::newRow("m3") << "m3" << "d5" << "P1";
        QTest::newRow("M-2 (seed's C value)") << "P-4" << "M-2" << "m-6";
        QTest::newRow("M-2 (seed's A value)") << "M-2" << "m2" << "P-4";
        QTest::newRow("P1") << "P1" << "m3" << "m-3";
        QTest::newRow("M3") << "M3" << "P5" << "A1";
        QTest::newRow("P4") << "P4" << "m6" << "M2";
        QTest::newRow("m2") << "m2" << "d4" << "M-2";
        QTest::newRow("P5") << "P5" << "m7" << "M3";
    }

    void arithmetic() {
        QFETCH(QString, interval);
        QFETCH(QString, plusMinorThird);
        QFETCH(QString, minusMinorThird);
        const Interval i = *Interval::parse(interval.toStdString());
        const Interval m3 = *Interval::parse("m3");
        QCOMPARE(QString::fromStdString(add({i, m3}).directedName()), plusMinorThird);
        QCOMPARE(QString::fromStdString(subtract({i, m3}).directedName()), minusMinorThird);
    }

    void badIntervalNames() {
        for (const char* bad : {"", "P2", "M5", "m4", "X3", "M", "P0", "Mm3", "P-"})
            QVERIFY2(!Interval::parse(bad), bad);
    }

    void chordSymbols_data() {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("printed");
        QTest::addColumn<QList<int>>("pitchClasses");
        QTest::newRow("Dm7") << "Dm7" << "Dm7" << QList<int>{0, 2, 5, 9};
        QTest::newRow("G7b9") << "G7b9" << "G7b9" << QList<int>{2, 5, 7, 8, 11};
        QTest::newRow("Cmaj7") << "Cmaj7" << "Cmaj7" << QList<int>{0, 4, 7, 11};
        QTest::newRow("CM7 alias") << "CM7" << "Cmaj7" << QList<int>{0, 4, 7, 11};
        QTest::newRow("F#m7b5") << "F#m7b5" << "F#m7b5" << QList<int>{0, 4, 6, 9};
        QTest::newRow("Bb13") << "Bb13" << "Bb13" << QList<int>{0, 2, 5, 7, 8, 10};
        QTest::newRow("C/E") << "C/E" << "C/E" << QList<int>{0, 4, 7};
        QTest::newRow("Ebm6") << "Eb-6" << "Ebm6" << QList<int>{0, 3, 6, 10};
        QTest::newRow("Bdim7") << "Bo7" << "Bdim7" << QList<int>{2, 5, 8, 11};
        QTest::newRow("A7sus") << "A7sus" << "A7sus4" << QList<int>{2, 4, 7, 9};
        QTest::newRow("C6/9 is not a slash chord") << "C6/9" << "C6/9" << QList<int>{0, 2, 4, 7, 9};
        QTest::newRow("N.C.") << "N.C." << "N.C." << QList<int>{};
    }

    void chordSymbols() {
        QFETCH(QString, symbol);
        QFETCH(QString, printed);
        QFETCH(QList<int>, pitchClasses);
        const ChordSymbol c = ChordSymbol::parse(symbol.toStdString());
        QCOMPARE(QString::fromStdString(c.toString()), printed);
        const auto pcs = c.pitchClasses();
        QCOMPARE(QList<int>(pcs.begin(), pcs.end()), pitchClasses);
        // Printing and parsing again is the identity; identifying the voicing names it again.
        QCOMPARE(ChordSymbol::parse(c.toString()), c);
        if (!c.isNoChord() && c.suffix() != "6" && c.suffix() != "13" && c.suffix() != "m6")
            QCOMPARE(QString::fromStdString(ChordSymbol::identify(c.voicing()).toString()), printed);
    }

    void unknownSymbolsAreClearErrors_data() {
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("message");
        QTest::newRow("quality") << "Cq7" << "chord symbol 'Cq7': unknown chord quality 'q7'";
        QTest::newRow("root") << "H7" << "chord symbol 'H7': expected a root note";
        QTest::newRow("bass") << "C/X" << "chord symbol 'C/X': expected a bass note";
        QTest::newRow("empty") << "" << "chord symbol '': empty";
    }

    void unknownSymbolsAreClearErrors() {
        QFETCH(QString, symbol);
        QFETCH(QString, message);
        try {
            ChordSymbol::parse(symbol.toStdString());
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()).left(message.size()), message);
        }
    }

    void identifyInversionsAndTransposition() {
        QCOMPARE(QString::fromStdString(ChordSymbol::identify({52, 60, 67}).toString()),
                 QString("C/E"));
        QCOMPARE(QString::fromStdString(ChordSymbol::identify({50, 53, 57, 60}).toString()),
                 QString("Dm7"));
        QCOMPARE(QString::fromStdString(ChordSymbol::identify({}).toString()), QString("N.C."));
        QCOMPARE(QString::fromStdString(ChordSymbol::parse("Dm7").transposed(8).toString()),
                 QString("Bbm7"));
    }

    // The one "chord at time t" rule (the decoder, the step features, the metrics and the
    // MusicXML writer all use it): the last chord starting at or before t.
    void chordAtTime_data() {
        QTest::addColumn<double>("t");
        QTest::addColumn<bool>("noneBeforeFirst");
        QTest::addColumn<QString>("expected"); // empty: no chord
        QTest::newRow("before the first chord: the first") << 0.0 << false << "Dm7";
        QTest::newRow("before the first chord: none") << 0.5 << true << "";
        QTest::newRow("exactly on the first chord") << 1.0 << false << "Dm7";
        QTest::newRow("exactly on the first chord, none before") << 1.0 << true << "Dm7";
        QTest::newRow("a summed onset a hair early") << 2.0 - 1e-12 << false << "G7";
        QTest::newRow("between two chords") << 2.75 << false << "G7";
        QTest::newRow("just before a chord") << 3.49 << true << "G7";
        QTest::newRow("exactly on the last chord") << 3.5 << false << "Cmaj7";
        QTest::newRow("after the last chord") << 12.0 << true << "Cmaj7";
    }
    void chordAtTime() {
        QFETCH(double, t);
        QFETCH(bool, noneBeforeFirst);
        QFETCH(QString, expected);
        struct Timed {
            double start;
            QString name;
        };
        const std::vector<Timed> chords = {{1.0, "Dm7"}, {2.0, "G7"}, {3.5, "Cmaj7"}};
        const Timed* at = theory::chordAtTime(
            chords, t, [](const Timed& c) { return c.start; },
            noneBeforeFirst ? BeforeFirstChord::None : BeforeFirstChord::First);
        QCOMPARE(at ? at->name : QString(), expected);
        // A map keyed by start (the MusicXML writer's integer units) reads the same.
        std::map<int, QString> byUnit;
        for (const Timed& c : chords)
            byUnit[int(c.start * 12)] = c.name;
        const auto* entry = theory::chordAtTime(
            byUnit, t * 12, [](const auto& e) { return e.first; },
            noneBeforeFirst ? BeforeFirstChord::None : BeforeFirstChord::First);
        QCOMPARE(entry ? entry->second : QString(), expected);
    }
    void chordAtTimeWithoutChords() {
        const std::vector<double> none;
        QVERIFY(theory::chordAtTime(none, 1.0, [](double s) { return s; }) == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestTheory)
#include "test_theory.moc"
