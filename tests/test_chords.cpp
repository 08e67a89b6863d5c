// The chord-symbol grammar: every usual spelling of each quality, alterations in any order and
// combination, add/omit/sus, slash basses, N.C., the normalised names, and refusals with their
// exact reasons.
#include "Error.h"
#include "theory/ChordQuality.h"
#include "theory/ChordSymbol.h"

#include <QtTest>

#include <algorithm>
#include <set>

using namespace jazz;
using namespace jazz::theory;

namespace {

QList<int> toList(const std::vector<int>& v) {
    return QList<int>(v.begin(), v.end());
}

// iReal Pro's 63 chord qualities as its charts write them (the app's own list), with what
// each must mean: real-book charts exported from iReal are most of what users will paste.
struct IrealQuality {
    const char* written;
    const char* name;
    std::vector<int> intervals;
};
const std::vector<IrealQuality>& irealQualities() {
    static const std::vector<IrealQuality> q = {
        {"5", "5", {0, 7}},
        {"2", "sus2", {0, 2, 7}},
        {"add9", "add9", {0, 4, 7, 14}},
        {"+", "aug", {0, 4, 8}},
        {"o", "dim", {0, 3, 6}},
        {"h", "m7b5", {0, 3, 6, 10}},
        {"sus", "sus4", {0, 5, 7}},
        {"^", "maj7", {0, 4, 7, 11}},
        {"-", "m", {0, 3, 7}},
        {"^7", "maj7", {0, 4, 7, 11}},
        {"-7", "m7", {0, 3, 7, 10}},
        {"7", "7", {0, 4, 7, 10}},
        {"7sus", "7sus4", {0, 5, 7, 10}},
        {"h7", "m7b5", {0, 3, 6, 10}},
        {"o7", "dim7", {0, 3, 6, 9}},
        {"o^7", "dimMaj7", {0, 3, 6, 11}},
        {"^9", "maj9", {0, 4, 7, 11, 14}},
        {"^13", "maj13", {0, 4, 7, 11, 14, 21}},
        {"6", "6", {0, 4, 7, 9}},
        {"69", "6/9", {0, 4, 7, 9, 14}},
        {"^7#11", "maj7#11", {0, 4, 7, 11, 18}},
        {"^9#11", "maj9#11", {0, 4, 7, 11, 14, 18}},
        {"^7#5", "maj7#5", {0, 4, 8, 11}},
        {"-6", "m6", {0, 3, 7, 9}},
        {"-69", "m6/9", {0, 3, 7, 9, 14}},
        {"-^7", "mMaj7", {0, 3, 7, 11}},
        {"-^9", "mMaj9", {0, 3, 7, 11, 14}},
        {"-9", "m9", {0, 3, 7, 10, 14}},
        {"-add9", "madd9", {0, 3, 7, 14}},
        {"-11", "m11", {0, 3, 7, 10, 14, 17}},
        {"-7b5", "m7b5", {0, 3, 6, 10}},
        {"h9", "m9b5", {0, 3, 6, 10, 14}},
        {"-b6", "m(b6)", {0, 3, 7, 8}},
        {"-#5", "m(#5)", {0, 3, 8}},
        {"9", "9", {0, 4, 7, 10, 14}},
        {"7b9", "7b9", {0, 4, 7, 10, 13}},
        {"7#9", "7#9", {0, 4, 7, 10, 15}},
        {"7#11", "7#11", {0, 4, 7, 10, 18}},
        {"7b5", "7b5", {0, 4, 6, 10}},
        {"7#5", "7#5", {0, 4, 8, 10}},
        {"9#11", "9#11", {0, 4, 7, 10, 14, 18}},
        {"9b5", "9b5", {0, 4, 6, 10, 14}},
        {"9#5", "9#5", {0, 4, 8, 10, 14}},
        {"7b13", "7b13", {0, 4, 7, 10, 20}},
        {"7#9#5", "7#5#9", {0, 4, 8, 10, 15}},
        {"7#9b5", "7b5#9", {0, 4, 6, 10, 15}},
        {"7#9#11", "7#9#11", {0, 4, 7, 10, 15, 18}},
        {"7b9#11", "7b9#11", {0, 4, 7, 10, 13, 18}},
        {"7b9b5", "7b5b9", {0, 4, 6, 10, 13}},
        {"7b9#5", "7#5b9", {0, 4, 8, 10, 13}},
        {"7b9#9", "7b9#9", {0, 4, 7, 10, 13, 15}},
        {"7b9b13", "7b9b13", {0, 4, 7, 10, 13, 20}},
        {"7alt", "7alt", {0, 4, 10, 13, 15, 18, 20}},
        {"13", "13", {0, 4, 7, 10, 14, 21}},
        {"13#11", "13#11", {0, 4, 7, 10, 14, 18, 21}},
        {"13b9", "13b9", {0, 4, 7, 10, 13, 21}},
        {"13#9", "13#9", {0, 4, 7, 10, 15, 21}},
        {"7b9sus", "7sus4b9", {0, 5, 7, 10, 13}},
        {"7susadd3", "7sus4add3", {0, 4, 5, 7, 10}},
        {"9sus", "9sus4", {0, 5, 7, 10, 14}},
        {"13sus", "13sus4", {0, 5, 7, 10, 14, 21}},
        {"7b13sus", "7sus4b13", {0, 5, 7, 10, 20}},
        {"11", "11", {0, 4, 7, 10, 14, 17}},
    };
    return q;
}

} // namespace

class TestChords : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Written -> normalised name and intervals above the root.
    void spellings_data() {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<int>>("intervals");
        auto row = [](const char* written, const char* name, QList<int> intervals) {
            QTest::newRow(written)
                << QString::fromUtf8(written) << QString::fromUtf8(name) << intervals;
        };
        const QList<int> maj7{0, 4, 7, 11}, m{0, 3, 7}, m7{0, 3, 7, 10}, half{0, 3, 6, 10},
            dim{0, 3, 6}, dim7{0, 3, 6, 9}, aug{0, 4, 8}, aug7{0, 4, 8, 10}, mMaj7{0, 3, 7, 11};
        // Major seventh: maj, M, Δ, ^, j (and ma, MA, Maj).
        for (const char* s : {"Cmaj7", "CM7", "CΔ7", "CΔ", "C∆7", "C^7", "C^", "Cj7", "Cma7",
                              "CMA7", "CMaj7", "Cmajor7"})
            row(s, "Cmaj7", maj7);
        row("CM", "C", {0, 4, 7});
        row("Cmaj", "C", {0, 4, 7});
        row("CM6", "C6", {0, 4, 7, 9});
        row("CM9", "Cmaj9", {0, 4, 7, 11, 14});
        row("CΔ9", "Cmaj9", {0, 4, 7, 11, 14});
        row("CM13", "Cmaj13", {0, 4, 7, 11, 14, 21});
        // Minor: m, -, min, mi, MI.
        for (const char* s : {"Cm", "C-", "Cmin", "Cmi", "CMI", "Cminor"})
            row(s, "Cm", m);
        for (const char* s : {"Cm7", "C-7", "Cmin7", "Cmi7", "CMI7"})
            row(s, "Cm7", m7);
        for (const char* s : {"CmMaj7", "CmM7", "Cm(maj7)", "Cmin(maj7)", "Cmi(maj7)", "C-Δ7",
                              "C-^7", "Cm^7", "C-maj7", "CminMaj7"})
            row(s, "CmMaj7", mMaj7);
        row("Cm6", "Cm6", {0, 3, 7, 9});
        row("Cm69", "Cm6/9", {0, 3, 7, 9, 14});
        row("Cm6/9", "Cm6/9", {0, 3, 7, 9, 14});
        row("Cm9", "Cm9", {0, 3, 7, 10, 14});
        row("Cm11", "Cm11", {0, 3, 7, 10, 14, 17});
        row("Cm13", "Cm13", {0, 3, 7, 10, 14, 21});
        row("Cmadd9", "Cmadd9", {0, 3, 7, 14});
        row("Cm(add9)", "Cmadd9", {0, 3, 7, 14});
        // Half-diminished: ø, h, m7b5, -7b5, m7-5, min7(b5).
        for (const char* s : {"Cø", "Cø7", "CØ7", "Ch", "Ch7", "Cm7b5", "C-7b5", "Cm7-5",
                              "Cmin7(b5)", "Cmi7b5", "Cm7♭5"})
            row(s, "Cm7b5", half);
        row("Cø9", "Cm9b5", {0, 3, 6, 10, 14});
        // Diminished: o, °, dim.
        for (const char* s : {"Co", "C°", "Cº", "Cdim"})
            row(s, "Cdim", dim);
        for (const char* s : {"Co7", "C°7", "Cdim7"})
            row(s, "Cdim7", dim7);
        // Augmented: +, aug, #5, +5.
        for (const char* s : {"C+", "Caug", "C(#5)", "C+5"})
            row(s, "Caug", aug);
        row("C#5", "C#5", {0, 7}); // a C-sharp power chord: the root takes the accidental
        for (const char* s : {"C7#5", "C7+", "C+7", "Caug7", "C7+5", "C7aug", "C7(#5)"})
            row(s, "C7#5", aug7);
        row("Cmaj7#5", "Cmaj7#5", {0, 4, 8, 11});
        row("C+maj7", "Cmaj7#5", {0, 4, 8, 11});
        row("C+9", "C9#5", {0, 4, 8, 10, 14});
        row("Am+", "Am(#5)", {0, 3, 8});
        row("Cm+7", "Cm7#5", {0, 3, 8, 10});
        // Sixths, 6/9, sus, alt, add, omit, power chords.
        row("C6", "C6", {0, 4, 7, 9});
        for (const char* s : {"C6/9", "C69", "C6(9)", "C6add9"})
            row(s, "C6/9", {0, 4, 7, 9, 14});
        for (const char* s : {"Csus", "Csus4", "C4"})
            row(s, "Csus4", {0, 5, 7});
        for (const char* s : {"Csus2", "C2", "E2"})
            row(s, s[0] == 'E' ? "Esus2" : "Csus2", {0, 2, 7});
        for (const char* s : {"C7sus", "C7sus4", "Csus7", "C7(sus4)"})
            row(s, "C7sus4", {0, 5, 7, 10});
        row("C9sus", "C9sus4", {0, 5, 7, 10, 14});
        row("C9sus4", "C9sus4", {0, 5, 7, 10, 14});
        row("C13sus", "C13sus4", {0, 5, 7, 10, 14, 21});
        row("C7sus4b9", "C7sus4b9", {0, 5, 7, 10, 13});
        row("C7b9sus", "C7sus4b9", {0, 5, 7, 10, 13});
        row("C7sus2", "C7sus2", {0, 2, 7, 10});
        row("Esus24", "Esus24", {0, 2, 5, 7}); // Impro-Visor charts write it
        row("Csus2sus4", "Csus24", {0, 2, 5, 7});
        row("Gsusb9", "Gsus4b9", {0, 5, 7, 13});
        row("D7sus", "D7sus4", {0, 5, 7, 10});
        for (const char* s : {"C7alt", "Calt", "C7 alt"})
            row(s, "C7alt", {0, 4, 10, 13, 15, 18, 20});
        for (const char* s : {"Cadd9", "C(add9)"})
            row(s, "Cadd9", {0, 4, 7, 14});
        row("Cadd2", "Cadd2", {0, 2, 4, 7});
        row("Cadd11", "Cadd11", {0, 4, 7, 17});
        row("C7add13", "C7add13", {0, 4, 7, 10, 21});
        row("C5", "C5", {0, 7});
        row("C7no3", "C7no3", {0, 7, 10});
        row("C7omit5", "C7no5", {0, 4, 10});
        row("Cdom7", "C7", {0, 4, 7, 10});
        // Extensions and alterations, the issue's refused examples among them.
        row("C9", "C9", {0, 4, 7, 10, 14});
        row("C11", "C11", {0, 4, 7, 10, 14, 17});
        row("C13", "C13", {0, 4, 7, 10, 14, 21});
        row("G7#5b9", "G7#5b9", {0, 4, 8, 10, 13});
        row("Db9#11", "Db9#11", {0, 4, 7, 10, 14, 18});
        row("C7#5#9", "C7#5#9", {0, 4, 8, 10, 15});
        row("EbM7b5", "Ebmaj7b5", {0, 4, 6, 11});
        row("D9#5", "D9#5", {0, 4, 8, 10, 14});
        row("F13#11", "F13#11", {0, 4, 7, 10, 14, 18, 21});
        row("D7b9#11", "D7b9#11", {0, 4, 7, 10, 13, 18});
        row("G13b9", "G13b9", {0, 4, 7, 10, 13, 21});
        row("G7b9b13", "G7b9b13", {0, 4, 7, 10, 13, 20});
        row("C7b5#5", "C7b5#5", {0, 4, 6, 8, 10}); // real books write it
        // Bracketed alterations, as MusicXML exports and many charts write them.
        row("D7(b9)", "D7b9", {0, 4, 7, 10, 13});
        row("E7(#9)", "E7#9", {0, 4, 7, 10, 15});
        row("A7(b13)", "A7b13", {0, 4, 7, 10, 20});
        row("C7(#11)", "C7#11", {0, 4, 7, 10, 18});
        row("C7(b9,#11)", "C7b9#11", {0, 4, 7, 10, 13, 18});
        row("C7(b9 #11)", "C7b9#11", {0, 4, 7, 10, 13, 18});
        row("C7(b9/#11)", "C7b9#11", {0, 4, 7, 10, 13, 18});
        row("Cmaj7(#11)", "Cmaj7#11", {0, 4, 7, 11, 18});
        row("C7-9", "C7b9", {0, 4, 7, 10, 13});
        row("C7+9", "C7#9", {0, 4, 7, 10, 15});
        row("C7+11", "C7#11", {0, 4, 7, 10, 18});
        // A natural tension after the seventh raises the extension, as players read it.
        row("C7(9)", "C9", {0, 4, 7, 10, 14});
        row("C7(13)", "C13", {0, 4, 7, 10, 14, 21});
        row("Cm7(11)", "Cm11", {0, 3, 7, 10, 14, 17});
        row("C7(b9,13)", "C13b9", {0, 4, 7, 10, 13, 21});
        row("C13(9)", "C13", {0, 4, 7, 10, 14, 21});
        // European charts put tensions after a slash: not a bass.
        row("C7/9", "C9", {0, 4, 7, 10, 14});
        row("Cm7/11", "Cm11", {0, 3, 7, 10, 14, 17});
        row("C7/6", "C13", {0, 4, 7, 10, 14, 21});
        row("C7/b9", "C7b9", {0, 4, 7, 10, 13});
        row("C7/9/E", "C9/E", {0, 4, 7, 10, 14});
        // Triads with alterations are bracketed: "Cb9" would be a C-flat root.
        row("C(b9)", "C(b9)", {0, 4, 7, 13});
        row("Caddb9", "C(b9)", {0, 4, 7, 13});
        row("Caug(b9)", "Caug(b9)", {0, 4, 8, 13});
        // Roots and basses, unicode accidentals, slash chords, no chord.
        row("Bb13", "Bb13", {0, 4, 7, 10, 14, 21});
        row("B♭7", "Bb7", {0, 4, 7, 10});
        row("F♯m7♭5", "F#m7b5", half);
        row("Cb", "Cb", {0, 4, 7});
        row("C7/E", "C7/E", {0, 4, 7, 10});
        row("C/Bb", "C/Bb", {0, 4, 7});
        row("Cm7/B♭", "Cm7/Bb", m7);
        row("C6/9/E", "C6/9/E", {0, 4, 7, 9, 14});
        row("C/C", "C", {0, 4, 7}); // a bass that is the root is no slash chord
        for (const char* s : {"N.C.", "NC", "N.C", "n.c.", "N/C"})
            row(s, "N.C.", {});
    }

    void spellings() {
        QFETCH(QString, written);
        QFETCH(QString, name);
        QFETCH(QList<int>, intervals);
        const ChordSymbol c = ChordSymbol::parse(written.toStdString());
        QCOMPARE(QString::fromStdString(c.toString()), name);
        QCOMPARE(toList(c.intervals()), intervals);
        // The name reads back as the same chord, and is its own normal form.
        const ChordSymbol back = ChordSymbol::parse(c.toString());
        QCOMPARE(back, c);
        QCOMPARE(QString::fromStdString(back.toString()), name);
        // A sensible voicing: the bass (or root) lowest, every chord tone, nothing else, in a
        // comping register.
        const auto v = c.voicing(3);
        std::set<int> sounding;
        for (int p : v)
            sounding.insert(p % 12);
        const auto pcs = c.pitchClasses();
        QCOMPARE(toList({sounding.begin(), sounding.end()}), toList(pcs));
        if (!c.isNoChord()) {
            const int bassPc = c.bass() ? c.bass()->pitchClass() : c.root().pitchClass();
            QCOMPARE(v.front() % 12, bassPc);
            QVERIFY(v.front() >= 48 && v.back() < 84);
        }
    }

    // Every subset of the six alterations on a seventh chord, written forwards, backwards and
    // bracketed with commas: all read, all the same chord, each alteration sounding.
    void everyCombinationOfAlterations_data() {
        QTest::addColumn<QString>("quality");
        QTest::addColumn<int>("third");
        QTest::addColumn<int>("seventh");
        QTest::newRow("7") << "7" << 4 << 10;
        QTest::newRow("m7") << "m7" << 3 << 10;
        QTest::newRow("maj7") << "maj7" << 4 << 11;
        QTest::newRow("7sus4") << "7sus4" << 5 << 10;
    }

    void everyCombinationOfAlterations() {
        QFETCH(QString, quality);
        QFETCH(int, third);
        QFETCH(int, seventh);
        const char* alterations[] = {"b5", "#5", "b9", "#9", "#11", "b13"};
        const int semitones[] = {6, 8, 13, 15, 18, 20};
        for (int mask = 0; mask < 64; ++mask) {
            std::vector<std::string> picked;
            std::set<int> want{0, third, seventh};
            for (int a = 0; a < 6; ++a)
                if (mask & (1 << a)) {
                    picked.push_back(alterations[a]);
                    want.insert(semitones[a]);
                }
            if (!(mask & 3))
                want.insert(7); // the fifth stays unless altered
            std::string forwards = std::string("C") + quality.toUtf8().constData(),
                        backwards = forwards, bracketed = forwards + (picked.empty() ? "" : "(");
            for (size_t i = 0; i < picked.size(); ++i) {
                forwards += picked[i];
                backwards += picked[picked.size() - 1 - i];
                bracketed += (i ? "," : "") + picked[i];
            }
            bracketed += picked.empty() ? "" : ")";
            const ChordSymbol c = ChordSymbol::parse(forwards);
            QVERIFY2(ChordSymbol::parse(backwards) == c, backwards.c_str());
            QVERIFY2(ChordSymbol::parse(bracketed) == c, bracketed.c_str());
            QCOMPARE(toList(c.intervals()), QList<int>(want.begin(), want.end()));
            QCOMPARE(ChordSymbol::parse(c.toString()), c);
        }
    }

    // iReal Pro's whole quality list, on all twelve roots and as slash chords.
    void everyIrealQualityOnEveryRoot() {
        int read = 0;
        for (const char* root : {"C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"})
            for (const auto& q : irealQualities()) {
                const std::string written = std::string(root) + q.written;
                std::string why;
                const auto c = ChordSymbol::read(written, &why);
                QVERIFY2(c, (written + ": " + why).c_str());
                QCOMPARE(QString::fromStdString(c->toString()),
                         QString::fromStdString(std::string(root) + q.name));
                QCOMPARE(c->intervals(), q.intervals);
                const auto slash = ChordSymbol::read(written + "/G", &why);
                QVERIFY2(slash, (written + "/G: " + why).c_str());
                QCOMPARE(slash->intervals(), q.intervals);
                ++read;
            }
        QCOMPARE(read, 12 * 63);
    }

    void refusalsSayExactlyWhy_data() {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("reason");
        auto row = [](const char* written, const char* reason) {
            QTest::newRow(written) << QString::fromUtf8(written) << QString::fromUtf8(reason);
        };
        row("", "empty");
        row("Cq7", "unknown chord quality 'q7'");
        row("C7zz", "unknown 'zz' after '7'");
        row("H7", "expected a root note A-G at the start");
        row("c7", "expected a root note A-G at the start; write the root in capitals ('C', not "
                  "'c')");
        row("C/X", "expected a bass note A-G after '/', got 'X'");
        row("C/e", "expected a bass note A-G after '/', got 'e'");
        row("C7b11", "'b11' is not an alteration (b5 #5 b6 b9 #9 #11 b13)");
        row("C7#3", "'#3' is not an alteration (b5 #5 b6 b9 #9 #11 b13)");
        row("C7b9b9", "'b9' written twice");
        row("C9b9", "the 9 conflicts with 'b9'");
        row("C9#9", "the 9 conflicts with '#9'");
        row("C11#11", "the 11 conflicts with '#11'");
        row("C13b13", "the 13 conflicts with 'b13'");
        row("Cmsus4", "'sus4' replaces the third, so it conflicts with 'm'");
        row("Cm7alt", "'alt' is a dominant seventh; it conflicts with 'm'");
        row("Cmaj7alt", "'alt' is a dominant seventh; it conflicts with 'maj'");
        row("Cdim#5", "'#5' conflicts with the diminished fifth of 'dim'");
        row("Cmm7", "two qualities 'm' and 'm'");
        row("Cmdim", "two qualities 'm' and 'dim'");
        row("C7m", "the quality 'm' must come right after the root");
        row("C7maj", "'maj' after the extension; write it first (maj7, not 7maj)");
        row("C8", "unknown extension '8'");
        row("C10", "unknown extension '10'");
        row("C97", "two extensions '9' and '7'");
        row("C67", "two extensions '6' and '7'");
        row("Csus4sus4", "two suspensions 'sus4' and 'sus4'");
        row("C5b9", "a power chord ('5') takes nothing else");
        row("Cm5", "a power chord ('5') takes nothing else");
        row("C7(b9", "missing ')'");
        row("C7b9)", "')' without '('");
        row("C7((b9))", "'(' inside '('");
        row("Cadd", "'add' needs a degree (add9, add11, add13, add2, add4)");
        row("Cadd8", "cannot add '8' (add2 add3 add4 add6 add9 add11 add13)");
        row("C7omit9", "only the 3rd or the 5th can be omitted, not '9'");
        row("C7b", "'b' without a degree after it");
        row("Cø6", "'6' conflicts with the seventh of 'ø'");
        row("Bb\\C", "a polychord ('\\') is two chords; write the upper one, or a slash chord");
    }

    void refusalsSayExactlyWhy() {
        QFETCH(QString, written);
        QFETCH(QString, reason);
        std::string why;
        QVERIFY(!ChordSymbol::read(written.toStdString(), &why));
        QCOMPARE(QString::fromStdString(why), reason);
        try {
            ChordSymbol::parse(written.toStdString());
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()), "chord symbol '" + written + "': " + reason);
        }
    }

    // identify() names sounding pitches with the grammar's names.
    void identifyUsesTheNormalisedNames() {
        for (const char* s : {"Dm7", "G7", "Cmaj7", "F#m7b5", "Bbdim7", "Eaug", "A7b9", "Dbmaj9",
                              "Gsus4", "Fadd9", "C6/9", "Ab7alt", "EmMaj7", "B7#5"}) {
            const ChordSymbol c = ChordSymbol::parse(s);
            QCOMPARE(QString::fromStdString(ChordSymbol::identify(c.voicing()).toString()),
                     QString(s));
        }
    }

    void transpositionSpellsForAKey() {
        using S = ChordSymbol::Spelling;
        const ChordSymbol f7 = ChordSymbol::parse("F7/A");
        QCOMPARE(QString::fromStdString(f7.transposed(1, S::Flats).toString()), QString("Gb7/Bb"));
        QCOMPARE(QString::fromStdString(f7.transposed(1, S::Sharps).toString()), QString("F#7/A#"));
        QCOMPARE(QString::fromStdString(f7.transposed(1).toString()), QString("F#7/Bb"));
        QVERIFY(ChordSymbol::parse("G7").keySpelling() == S::Sharps);
        QVERIFY(ChordSymbol::parse("Em7").keySpelling() == S::Sharps); // relative of G
        QVERIFY(ChordSymbol::parse("Cm7").keySpelling() == S::Flats);  // relative of Eb
        QVERIFY(ChordSymbol::parse("Gb7").keySpelling() == S::Flats);
        QVERIFY(ChordSymbol::parse("F#7").keySpelling() == S::Flats); // Gb, as charts write it
    }
};

QTEST_GUILESS_MAIN(TestChords)
#include "test_chords.moc"
