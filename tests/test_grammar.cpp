// The abstract melody grammar: value syntax, encoding hand-built measures, decoding within
// bounds and classes, and the post-processing steps.
#include "grammar/Decoder.h"
#include "grammar/Encoder.h"
#include "theory/Scale.h"

#include <QtTest>

using namespace jazz;
using namespace jazz::grammar;
using corpus::ChordEvent;
using corpus::Measure;
using corpus::MelodyEvent;

namespace {

MelodyEvent note(double offset, double duration, int pitch) {
    return {MelodyEvent::Note, offset, duration, {pitch}};
}
MelodyEvent rest(double offset, double duration) {
    return {MelodyEvent::Rest, offset, duration, {}};
}

QStringList strings(const std::vector<Value>& values) {
    QStringList out;
    for (const Value& v : values)
        out << QString::fromStdString(v.toString());
    return out;
}

std::vector<Value> parseAll(const QStringList& texts) {
    std::vector<Value> out;
    for (const QString& t : texts)
        out.push_back(*Value::parse(t.toStdString()));
    return out;
}

} // namespace

class TestGrammar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valueSyntax_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("printed"); // empty: must be refused
        QTest::newRow("seed chord tone") << "C,0.250,<M-2,m-6>" << "C,0.250,<M-2,m-6>";
        QTest::newRow("seed approach") << "A,0.250,<m2,P-4>" << "A,0.250,<m2,P-4>";
        QTest::newRow("triplet rest") << "R,0.167" << "R,0.167";
        QTest::newRow("short form") << "C,0.25" << "C,0.250";
        QTest::newRow("long rest") << "R,12.583" << "R,12.583";
        QTest::newRow("unknown type") << "Q,0.250" << "";
        QTest::newRow("bad duration") << "C,abc" << "";
        QTest::newRow("negative duration") << "C,-1" << "";
        QTest::newRow("one interval") << "C,0.250,<M2>" << "";
        QTest::newRow("rest with range") << "R,0.250,<m2,P-4>" << "";
        QTest::newRow("bad interval") << "S,0.250,<Q2,P-4>" << "";
        QTest::newRow("no duration") << "C" << "";
    }
    void valueSyntax() {
        QFETCH(QString, text);
        QFETCH(QString, printed);
        std::string error;
        const auto v = Value::parse(text.toStdString(), &error);
        if (printed.isEmpty()) {
            QVERIFY(!v);
            QVERIFY2(QString::fromStdString(error).contains(text), error.c_str());
        } else {
            QVERIFY2(v, error.c_str());
            QCOMPARE(QString::fromStdString(v->toString()), printed);
        }
    }

    void encodesAMeasureOverOneChord() {
        // C major triad. music21 derives G major as its scale (C, E and G fit C, F and G major
        // alike; the higher tonic wins), so F# is a scale tone and F an approach tone.
        Measure m;
        m.start = 0;
        m.chords = {ChordEvent{0, 4, {60, 64, 67}}};
        m.melody = {note(0, 1, 72),   rest(1, 0.5),      note(1.5, 0.5, 74), note(2, 0.25, 77),
                    note(2.25, 0.25, 70), note(2.5, 1.5, 67)};
        QCOMPARE(QString::fromStdString(theory::scaleForChord(m.chords[0].chord()).tonic().name()),
                 QString("G"));
        QCOMPARE(strings(encodeMeasure(m)),
                 QStringList({"C,1.000", "R,0.500", "S,0.500,<P4,m-2>", "A,0.250,<d5,P1>",
                              "X,0.250,<M-3,m-7>", "C,1.500,<P1,d-5>"}));
    }

    void eachNoteUsesTheLastChordBeforeIt() {
        Measure m;
        m.start = 8;
        m.chords = {ChordEvent{8, 2, {50, 53, 57, 60}}, ChordEvent{10, 2, {43, 47, 50, 53}}};
        // B4 over Dm7 (its derived scale is G dorian, with B-; B is a semitone below the
        // chord's C: approach); B4 again over G7 is a chord tone, then D5 too.
        m.melody = {note(9, 0.5, 71), note(10.5, 0.5, 71), note(11, 1, 74)};
        QCOMPARE(strings(encodeMeasure(m)),
                 QStringList({"A,0.500", "C,0.500,<m3,m-3>", "C,1.000,<d5,P1>"}));
    }

    void aNoteBeforeTheFirstChordUsesIt() {
        Measure m;
        m.start = 4;
        m.chords = {ChordEvent{5, 3, {60, 64, 67}}};
        m.melody = {note(4, 0.5, 64), note(4.5, 0.5, 66)};
        QCOMPARE(strings(encodeMeasure(m)), QStringList({"C,0.500", "S,0.500,<P4,m-2>"}));
    }

    void aMeasureWithoutChordsUsesTheHeldChord() {
        Measure m;
        m.melody = {note(0, 1, 62), {MelodyEvent::DoubleStop, 1, 1, {60, 64}}, note(2, 2, 65)};
        QCOMPARE(strings(encodeMeasure(m, theory::Chord::fromMidi({50, 53, 57}))),
                 QStringList({"C,1.000", "C,2.000,<d5,P1>"}));
        QCOMPARE(strings(encodeMeasure(m)), QStringList({"X,1.000", "X,2.000,<d5,P1>"}));
    }

    void snapsDurationsToTheSixteenthGrid() {
        std::mt19937 rng(7);
        const auto in = parseAll({"C,0.333", "R,0.167", "C,0.250", "S,1.000", "C,0.083", "C,0.667"});
        int up = 0, down = 0;
        for (int round = 0; round < 50; ++round) {
            const auto out = snapDurations(in, rng);
            for (size_t i = 0; i < in.size(); ++i) {
                const double d = out[i].duration;
                QVERIFY(std::abs(d / 0.25 - std::round(d / 0.25)) < 1e-9);
                QVERIFY(std::abs(d - in[i].duration) < 0.25);
                if (std::abs(in[i].duration / 0.25 - std::round(in[i].duration / 0.25)) < 1e-9)
                    QCOMPARE(d, in[i].duration); // on the grid already: unchanged
                else
                    (d > in[i].duration ? up : down)++;
            }
        }
        QVERIFY(up > 20 && down > 20); // both directions happen
    }

    void decodeStaysWithinBoundsAndClasses() {
        const theory::Chord dm7 = theory::Chord::fromMidi({62, 65, 69, 72});
        const theory::Chord g7 = theory::Chord::fromMidi({55, 59, 62, 65});
        const std::vector<TimedChord> chords = {{0, dm7}, {2, g7}};
        const auto values = parseAll({"C,0.250", "S,0.250,<m2,P-4>", "C,0.500,<M3,d-3>",
                                      "R,0.250", "A,0.250,<P4,m-2>", "C,0.250,<m6,M2>",
                                      "S,0.500,<M2,d-4>", "C,0.250,<P5,A1>", "A,0.500,<d5,P1>",
                                      "C,0.500,<m2,P-4>", "S,0.500,<d4,M-2>"});
        int inRange = 0;
        for (uint32_t seed = 0; seed < 40; ++seed) {
            std::mt19937 rng(seed);
            const auto notes = decodeNotebook(values, chords, rng);
            QCOMPARE(int(notes.size()), 10); // every value but the rest
            double end = 0;
            for (const DecodedNote& n : notes) {
                QVERIFY(n.offset >= end - 1e-9); // starts where the previous ended, or later
                end = n.offset + n.duration;
                QVERIFY(n.duration > 0);
                QVERIFY(n.pitch >= 48 && n.pitch <= 96);
                const theory::Chord& c = n.offset < 2 ? dm7 : g7;
                const theory::Pitch p = theory::Pitch::fromMidi(n.pitch);
                if (n.source == DecodedNote::Source::InRange) {
                    ++inRange;
                    QVERIFY2(n.pitch >= n.low && n.pitch <= n.high,
                             qPrintable(QString("%1 outside %2..%3").arg(n.pitch).arg(n.low).arg(n.high)));
                    if (n.type == ToneType::Chord)
                        QVERIFY(c.hasName(p.name()));
                    else if (n.type == ToneType::Scale)
                        QVERIFY(theory::scaleForChord(c).hasName(p.name()));
                } else if (n.source == DecodedNote::Source::Unbounded && n.type == ToneType::Chord) {
                    QVERIFY(c.hasName(p.name()));
                }
            }
            // Same seed, same notes.
            std::mt19937 again(seed);
            const auto twice = decodeNotebook(values, chords, again);
            for (size_t i = 0; i < notes.size(); ++i)
                QCOMPARE(twice[i].pitch, notes[i].pitch);
        }
        QVERIFY(inRange > 200); // the range path is the common one, not the fallback
    }

    void pruneAndCleanUpRules() {
        std::vector<DecodedNote> notes(5);
        notes[0] = {0, 0.5, 60};
        notes[1] = {0.5, 0.5, 60}; // repeats the pitch: dropped
        notes[2] = {1, 0, 64};     // zero length: becomes 0.25
        notes[3] = {1, 0.5, 67};   // same onset as the previous kept note: dropped
        notes[4] = {2, 1, 65};
        const auto out = pruneAndCleanUp(notes);
        QCOMPARE(int(out.size()), 3);
        QCOMPARE(out[0].pitch, 60);
        QCOMPARE(out[1].pitch, 64);
        QCOMPARE(out[1].duration, 0.25);
        QCOMPARE(out[2].pitch, 65);
    }

    void realizeReadsApproachAndOtherAsChordTones() {
        const theory::Chord c = theory::Chord::fromMidi({60, 64, 67, 71});
        std::mt19937 rng(3);
        const auto notes = realizeNotebookMeasure(parseAll({"C,0.250", "X,0.250,<P4,m-2>",
                                                    "A,0.500,<m3,m-3>", "C,1.000,<M2,d-4>"}),
                                          {{0, c}}, rng);
        QVERIFY(!notes.empty());
        for (const DecodedNote& n : notes)
            QCOMPARE(char(n.type), 'C');
    }

    void studioDecodingKeepsTriplets() {
        const auto values = parseAll({"C,0.333", "S,0.667,<M2,m-3>", "C,0.375,<m3,M-2>"});
        std::mt19937 rng(2);
        const auto kept = snapDurations(values, rng, true);
        QCOMPARE(kept[0].duration, 1.0 / 3);
        QCOMPARE(kept[1].duration, 2.0 / 3);
        QVERIFY(kept[2].duration == 0.25 || kept[2].duration == 0.5); // off both grids: snapped
        for (uint32_t seed = 0; seed < 10; ++seed) {
            std::mt19937 r(seed);
            const auto snapped = snapDurations(values, r);
            QVERIFY(snapped[0].duration == 0.25 || snapped[0].duration == 0.5);
        }
    }

    // The studio's decoding keeps each class as the encoder defines it: a decoded S is a
    // scale tone but not a chord tone, an A an approach tone that is neither, and so on, and
    // re-encoding the notes gives back the sampled classes.
    void studioDecodingKeepsStrictClasses() {
        const theory::Chord g7 = theory::Chord::fromMidi({55, 59, 62, 65});
        const auto values = parseAll({"C,0.250", "S,0.250,<M2,m-3>", "A,0.250,<m3,m-3>",
                                      "C,0.250,<m3,M-2>", "S,0.500,<M3,m-2>", "X,0.250,<P4,P-4>",
                                      "C,0.500,<M3,m-3>", "A,0.500,<M2,M-2>"});
        int checked = 0, kept = 0;
        for (uint32_t seed = 0; seed < 200; ++seed) {
            std::mt19937 rng(seed);
            const auto notes = decodeStudio(values, {{0, g7}}, rng, studioDecoding(), 67);
            for (const DecodedNote& n : notes) {
                const theory::Pitch p = theory::Pitch::fromMidi(n.pitch);
                const bool chordTone = g7.hasName(p.name());
                const bool scaleTone = theory::scaleForChord(g7).hasName(p.name());
                ++checked;
                switch (n.type) {
                case ToneType::Chord: kept += chordTone; break;
                case ToneType::Scale: kept += scaleTone && !chordTone; break;
                case ToneType::Approach: kept += !scaleTone && !chordTone; break;
                default: kept += !scaleTone && !chordTone; break;
                }
            }
        }
        // A whole-step fallback may leave a class when nothing in the range fits; rarely.
        QVERIFY2(kept >= checked * 95 / 100, qPrintable(QString("%1 of %2").arg(kept).arg(checked)));
        // The notebook's decoding of the same values makes every note a chord tone (A and X
        // read as C) and draws S from the looser class.
        std::mt19937 rng(1);
        for (const DecodedNote& n : realizeNotebookMeasure(values, {{0, g7}}, rng))
            QVERIFY(n.type == ToneType::Chord || n.type == ToneType::Scale);
    }

    // With voice leading, a measure's first note stays within a fifth of the last pitch of the
    // measure before; the notebook's decoding jumps anywhere in octaves 4 and up.
    void studioDecodingLeadsOverTheBarLine() {
        const theory::Chord c7 = theory::Chord::fromMidi({48, 52, 55, 58});
        const auto values = parseAll({"C,1.000", "C,1.000,<M3,m-3>"});
        int notebookFar = 0;
        for (int previous : {50, 60, 67, 74, 81}) {
            for (uint32_t seed = 0; seed < 50; ++seed) {
                std::mt19937 rng(seed);
                const auto notes = realizeStudioMeasure(values, {{0, c7}}, rng, studioDecoding(), previous);
                QVERIFY(!notes.empty());
                QVERIFY2(std::abs(notes.front().pitch - previous) <= 7,
                         qPrintable(QString("%1 after %2").arg(notes.front().pitch).arg(previous)));
                QVERIFY(notes.front().pitch != previous);
                std::mt19937 rng2(seed);
                const auto nb = realizeNotebookMeasure(values, {{0, c7}}, rng2);
                notebookFar += std::abs(nb.front().pitch - previous) > 7;
            }
        }
        QVERIFY(notebookFar > 50); // the previous pitch is ignored there
    }

    // The register pull and the interval focus narrow the choice: over many draws the studio's
    // intervals are closer to the ranges' middles than deepjazz's uniform draw.
    void intervalFocusPrefersTheEncodedInterval() {
        const theory::Chord cmaj = theory::Chord::fromMidi({60, 64, 67, 71});
        // A corpus step of a major second up: the range is m-2..P4 around it.
        const auto values = parseAll({"C,0.500", "S,0.500,<P4,m-2>", "C,0.500,<P4,m-2>",
                                      "S,0.500,<P4,m-2>", "C,0.500,<P4,m-2>"});
        double focused = 0, uniform = 0;
        for (uint32_t seed = 0; seed < 300; ++seed) {
            std::mt19937 a(seed), b(seed);
            const StudioDecoding noFocus{.center = -1, .intervalFocus = 0, .keepTriplets = true};
            const auto f = decodeStudio(values, {{0, cmaj}}, a, studioDecoding(), 64);
            const auto u = decodeStudio(values, {{0, cmaj}}, b, noFocus, 64);
            for (size_t i = 1; i < f.size(); ++i)
                focused += std::abs(f[i].pitch - f[i - 1].pitch - 2);
            for (size_t i = 1; i < u.size(); ++i)
                uniform += std::abs(u[i].pitch - u[i - 1].pitch - 2);
        }
        QVERIFY2(focused < 0.8 * uniform, qPrintable(QString("%1 vs %2").arg(focused).arg(uniform)));
    }
};

QTEST_GUILESS_MAIN(TestGrammar)
#include "test_grammar.moc"
