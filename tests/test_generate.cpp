// Progressions, solo generation over them, the arrangement as a MIDI file, and offline
// rendering through FluidSynth with a real SoundFont.
#include "SmallModel.h"
#include "Error.h"
#include "corpus/TextCorpus.h"
#include "dataset/Conditions.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "generate/Arrangement.h"
#include "generate/Continuation.h"
#include "generate/Improviser.h"
#include "grammar/Encoder.h"
#include "midi/MidiFile.h"
#include "model/Trainer.h"
#include "model/TrainingSetup.h"
#include "render/Renderer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace jazz;
using generate::ChordChart;
using generate::Progression;

class TestGenerate : public QObject {
    Q_OBJECT
    model::TrainedModel model_;

private Q_SLOTS:
    void initTestCase() { model_ = smallTrainedModel(); }

    void parsesProgressions() {
        const Progression p = Progression::parse("| Dm7 G7 | Cmaj7 | % | N.C. |");
        QCOMPARE(int(p.bars.size()), 4);
        QCOMPARE(int(p.bars[0].size()), 2);
        QCOMPARE(p.bars[0][1].offset, 2.0);
        QCOMPARE(QString::fromStdString(p.bars[0][1].symbol), QString("G7"));
        QCOMPARE(p.bars[2][0].pitches, p.bars[1][0].pitches); // % repeats the bar
        QVERIFY(p.bars[3].empty());                            // N.C.
        QCOMPARE(p.bars[1][0].pitches, std::vector<int>({48, 52, 55, 59}));
        QCOMPARE(int(Progression::parse("Dm7 | G7").bars.size()), 2); // outer bars optional
        QCOMPARE(int(p.repeated(3).bars.size()), 12);
        QCOMPARE(QString::fromStdString(p.transposed(2).bars[0][0].symbol), QString("Em7"));
    }

    // Every refused symbol is collected with its bar; newlines end bars; bracketed spaces stay
    // in one symbol; the throwing parse names the first and counts the rest.
    void chartsCollectEveryRefusedSymbol() {
        const ChordChart chart = Progression::readChart(
            "| Dm7 Cq7 | % | G7(b9 #11) H7 |\nCmaj7 c7 N.C.\n\n| Cm7-5 | E7b11 |");
        QCOMPARE(int(chart.bars.size()), 6);
        QVERIFY(chart.bars[5].empty()); // its only symbol refused
        QCOMPARE(int(chart.bars[0].size()), 1); // Cq7 left out
        QCOMPARE(QString::fromStdString(chart.bars[1][0].chord.toString()), QString("Dm7"));
        QCOMPARE(QString::fromStdString(chart.bars[2][0].text), QString("G7(b9#11)"));
        QCOMPARE(QString::fromStdString(chart.bars[2][0].chord.toString()), QString("G7b9#11"));
        QCOMPARE(int(chart.bars[3].size()), 2); // Cmaj7 and N.C.
        QVERIFY(chart.bars[3][1].chord.isNoChord());
        QCOMPARE(chart.bars[3][1].offset, 4.0 * 2 / 3);
        QCOMPARE(QString::fromStdString(chart.bars[4][0].chord.toString()), QString("Cm7b5"));
        QCOMPARE(int(chart.errors.size()), 4);
        const std::pair<int, const char*> expected[] = {
            {1, "Cq7"}, {3, "H7"}, {4, "c7"}, {6, "E7b11"}};
        for (size_t i = 0; i < 4; ++i) {
            QCOMPARE(chart.errors[i].bar, expected[i].first);
            QCOMPARE(QString::fromStdString(chart.errors[i].symbol), QString(expected[i].second));
        }
        QCOMPARE(QString::fromStdString(chart.errors[3].reason),
                 QString("'b11' is not an alteration (b5 #5 b6 b9 #9 #11 b13)"));
        try {
            Progression::parse("| Dm7 Cq7 | % | G7 H7 |");
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("chord progression, bar 1: chord symbol 'Cq7': "
                                                "unknown chord quality 'q7' (and 1 more refused)"));
        }
        const ChordChart spaced = Progression::readChart("| G7 (b9) (A7) |");
        QCOMPARE(QString::fromStdString(spaced.bars[0][0].chord.toString()), QString("G7b9"));
        QCOMPARE(int(spaced.errors.size()), 1); // "(A7)" is not attached to G7
        QCOMPARE(QString::fromStdString(spaced.errors[0].symbol), QString("(A7)"));
        const ChordChart repeat = Progression::readChart("% | C");
        QCOMPARE(int(repeat.errors.size()), 1);
        QCOMPARE(QString::fromStdString(repeat.errors[0].symbol), QString("%"));
    }

    // The chart rules: an empty bar holds the chord before it (a lead sheet's empty bar), lines
    // are layout only, "||" is one bar line, and an empty first bar is an error.
    void emptyBarsAndLines_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("bars"); // each bar's first symbol, "-" for N.C.
        QTest::newRow("empty bar holds")
            << "| Dm7 | | G7 | Cmaj7 |" << QStringList{"Dm7", "Dm7", "G7", "Cmaj7"};
        QTest::newRow("two empty bars")
            << "| F7 | | | Bb7 |" << QStringList{"F7", "F7", "F7", "Bb7"};
        QTest::newRow("lines") << "| Dm7 | G7 | Cmaj7 | % |\n| Em7 | A7 |"
                               << QStringList{"Dm7", "G7", "Cmaj7", "Cmaj7", "Em7", "A7"};
        QTest::newRow("lines without outer bars")
            << "Dm7 | G7\nCmaj7 | %" << QStringList{"Dm7", "G7", "Cmaj7", "Cmaj7"};
        QTest::newRow("double bar line")
            << "| C6 | A7 || Dm7 | G7 ||" << QStringList{"C6", "A7", "Dm7", "G7"};
        QTest::newRow("blank lines") << "| C6 |\n\n| G7 |\n" << QStringList{"C6", "G7"};
        QTest::newRow("N.C. stays") << "| N.C. | C7 |" << QStringList{"-", "C7"};
    }
    void emptyBarsAndLines() {
        QFETCH(QString, text);
        QFETCH(QStringList, bars);
        const Progression p = Progression::parse(text.toStdString());
        QStringList got;
        for (const auto& bar : p.bars)
            got << (bar.empty() ? QString("-") : QString::fromStdString(bar[0].symbol));
        QCOMPARE(got, bars);
        QVERIFY_THROWS_EXCEPTION(Error, Progression::parse("| | Dm7 |"));
    }

    // Transposition spells every chord for the target key.
    void transposedSpelling_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("semitones");
        QTest::addColumn<QString>("chords"); // the first bars' chords, space-separated
        QTest::newRow("F blues up 1: Gb")
            << "blues-f" << 1 << "Gb7 Cb7 Gb7 Gb7 Cb7 Cb7 Gb7 Eb7 Abm7 Db7 Gb7 Eb7 Abm7 Db7";
        QTest::newRow("F blues up 2: G")
            << "blues-f" << 2 << "G7 C7 G7 G7 C7 C7 G7 E7 Am7 D7 G7 E7 Am7 D7";
        QTest::newRow("F blues down 2: Eb")
            << "blues-f" << -2 << "Eb7 Ab7 Eb7 Eb7 Ab7 Ab7 Eb7 C7 Fm7 Bb7 Eb7 C7 Fm7 Bb7";
        QTest::newRow("F blues up 6: B")
            << "blues-f" << 6 << "B7 E7 B7 B7 E7 E7 B7 G#7 C#m7 F#7 B7 G#7 C#m7 F#7";
        QTest::newRow("ii-V-I C up 1: Db") << "ii-v-i-c" << 1 << "Ebm7 Ab7 Dbmaj7 Dbmaj7";
        QTest::newRow("ii-V-I C up 6: Gb") << "ii-v-i-c" << 6 << "Abm7 Db7 Gbmaj7 Gbmaj7";
        QTest::newRow("minor blues up 6: F#m")
            << "minor-blues" << 6 << "F#m7 Bm7 F#m7 F#m7 Bm7 Bm7 F#m7 F#m7 D7 C#7 F#m7 G#m7b5 C#7";
    }
    void transposedSpelling() {
        QFETCH(QString, preset);
        QFETCH(int, semitones);
        QFETCH(QString, chords);
        const Progression p = Progression::preset(preset.toStdString()).transposed(semitones);
        QStringList got;
        for (const auto& bar : p.bars)
            for (const auto& c : bar)
                got << QString::fromStdString(c.symbol);
        QCOMPARE(got.join(' '), chords);
    }

    void badProgressionsAreClearErrors() {
        try {
            Progression::parse("| Dm7 | G7 Cq7 |");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("bar 2: chord symbol 'Cq7': unknown chord quality"),
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, Progression::parse("| % | C |"));
        QVERIFY_THROWS_EXCEPTION(Error, Progression::parse(" | | "));
        try {
            Progression::preset("bossa");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("unknown preset 'bossa'; presets: blues-bb"));
        }
    }

    void presets() {
        QCOMPARE(int(Progression::preset("blues-f").bars.size()), 12);
        QCOMPARE(int(Progression::preset("blues-bb").bars.size()), 12);
        QCOMPARE(int(Progression::preset("minor-blues").bars.size()), 12);
        QCOMPARE(int(Progression::preset("rhythm-a").bars.size()), 8);
        QCOMPARE(QString::fromStdString(Progression::presetText("ii-v-i-bb")),
                 QString("| Cm7 | F7 | Bbmaj7 | Bbmaj7 |"));
        QCOMPARE(QString::fromStdString(Progression::presetText("ii-V-I-F#")),
                 QString("| G#m7 | C#7 | F#maj7 | F#maj7 |"));
        QCOMPARE(QString::fromStdString(Progression::preset("blues-f").bars[0][0].symbol),
                 QString("F7"));
    }

    void generatedNotesFitTheirBars() {
        const Progression prog = Progression::preset("blues-f").repeated(2);
        for (uint32_t seed : {0u, 1u, 2u}) {
            generate::GenerateOptions o;
            o.seed = seed;
            const generate::Solo solo = generate::generateSolo(model_, prog, o);
            QCOMPARE(int(solo.bars.size()), 24);
            QVERIFY(solo.notes.size() > 24);
            int total = 0;
            for (int b = 0; b < 24; ++b) {
                QVERIFY(solo.bars[size_t(b)].values.size() >= 2);
                QCOMPARE(solo.bars[size_t(b)].origin, generate::BarOrigin::Generated);
                QCOMPARE(solo.bars[size_t(b)].seed, generate::Improviser::barSeed(seed, b));
                total += solo.notesInBar(b);
            }
            QCOMPARE(total, int(solo.notes.size()));
            for (size_t i = 0; i < solo.notes.size(); ++i) {
                const auto& n = solo.notes[i];
                QVERIFY(n.duration > 0);
                QVERIFY(n.pitch >= 48 && n.pitch <= 96);
                const double barStart = std::floor(n.start / 4 + 1e-9) * 4;
                QVERIFY2(n.start + n.duration <= barStart + 4 + 1e-9, "a note crosses its bar");
                if (i > 0) // no overlaps, strictly increasing onsets
                    QVERIFY(solo.notes[i - 1].start + solo.notes[i - 1].duration <= n.start + 1e-9);
            }
        }
        // Same seed, same solo; the notebook's argmax too.
        generate::GenerateOptions o;
        o.seed = 5;
        QCOMPARE(generate::generateSolo(model_, prog, o).notes,
                 generate::generateSolo(model_, prog, o).notes);
    }

    // The notebook's generation restarts every bar (zero state, a C,0.25 opening), so at
    // temperature 0 every bar samples the same values; the studio's carries the phrase on.
    void notebookAndStudioGeneration() {
        const Progression prog = Progression::parse("| F7 | F7 | F7 | F7 | F7 | F7 | F7 | F7 |");
        generate::GenerateOptions nb = generate::notebookGeneration();
        nb.sampling.temperature = 0;
        const auto a = generate::generateSolo(model_, prog, nb);
        std::vector<std::vector<std::string>> bars;
        for (const auto& b : a.bars) {
            bars.push_back(b.values);
            QCOMPARE(bars.back().front(), std::string("C,0.250"));
        }
        for (const auto& b : bars)
            QCOMPARE(b, bars.front());

        generate::GenerateOptions studio;
        studio.sampling.temperature = 0;
        const auto s = generate::generateSolo(model_, prog, studio);
        std::set<std::vector<std::string>> distinct;
        for (const auto& b : s.bars)
            distinct.insert(b.values);
        QVERIFY2(distinct.size() >= 2, qPrintable(QString::number(distinct.size())));
        // Voice leading: the studio's bar lines move by less than the notebook's on average.
        auto barLineLeap = [](const generate::Solo& solo) {
            double sum = 0;
            int n = 0;
            for (size_t i = 1; i < solo.notes.size(); ++i)
                if (std::floor(solo.notes[i].start / 4) != std::floor(solo.notes[i - 1].start / 4)) {
                    sum += std::abs(solo.notes[i].pitch - solo.notes[i - 1].pitch);
                    ++n;
                }
            return sum / std::max(1, n);
        };
        double studioLeap = 0, notebookLeap = 0;
        for (uint32_t seed = 0; seed < 20; ++seed) {
            generate::GenerateOptions o1, o2 = generate::notebookGeneration();
            o1.seed = o2.seed = seed;
            studioLeap += barLineLeap(generate::generateSolo(model_, prog, o1));
            notebookLeap += barLineLeap(generate::generateSolo(model_, prog, o2));
        }
        QVERIFY2(studioLeap < notebookLeap, qPrintable(QString("%1 vs %2").arg(studioLeap).arg(notebookLeap)));
    }

    // A chord-aware model hears the progression: at temperature 0 the notebook's model plays
    // the same values over any chords, the chord-aware one does not.
    void chordAwareModelFollowsTheChords() {
        const auto tunes = corpus::parseTextCorpus(
            "tune \"T\"\n"
            "| Cmaj7 | E5:4 D5:8 C5 B4:4 G4\n"
            "| Dm7   | F5:8 E5 D5 C5 A4:2\n"
            "| G7    | B4:8t C5 B4 A4:8 G4 F4 D4 B3:4\n"
            "| Cm7   | Eb5:2 r:4 C5\n",
            "t.txt");
        std::vector<corpus::LeadSheet> sheets;
        for (int k = 0; k < 6; ++k)
            sheets.push_back(corpus::transposed(tunes[0], k).sheet);
        const auto c = dataset::trainingCorpus(sheets);
        model::TrainOptions o;
        o.epochs = 60;
        auto setup = model::prepareTraining(c, o, {24, 12, 0, true});
        QCOMPARE(setup.model.model.config.nCond, dataset::kConditionWidth);
        model::train(setup.model.model, setup.data, o);
        auto plainSetup = model::prepareTraining(c, o, {24, 12, 0, false});
        model::train(plainSetup.model.model, plainSetup.data, o);

        const Progression major = Progression::parse("| Cmaj7 | Cmaj7 | Cmaj7 | Cmaj7 |");
        const Progression minor = Progression::parse("| Cm7 | Cm7 | Cm7 | Cm7 |");
        generate::GenerateOptions g;
        g.sampling.temperature = 0;
        QCOMPARE(generate::generateSolo(plainSetup.model, major, g).allValues(),
                 generate::generateSolo(plainSetup.model, minor, g).allValues());
        QVERIFY(generate::generateSolo(setup.model, major, g).allValues() !=
                generate::generateSolo(setup.model, minor, g).allValues());
    }

    // Bars 5-8 redone in place from the state after bar 4, with a new seed: bars 1-4 and
    // 9-12 keep every note; the same seed makes the same bars again.
    void regeneratedBarsLeaveTheOthersIdentical() {
        const Progression prog = Progression::preset("blues-f");
        generate::GenerateOptions o;
        o.seed = 11;
        const generate::Solo take = generate::generateSolo(model_, prog, o);
        QCOMPARE(int(prog.bars.size()), 12);

        auto redo = [&](uint32_t seed) {
            generate::Improviser imp(model_, o);
            std::vector<generate::ImprovisedBar> played;
            for (int b = 0; b < 12; ++b)
                played.push_back(imp.nextBar(prog, b, generate::Improviser::barSeed(o.seed, b)));
            // From the state after bar 4 (index 3), bars 5-8 with new seeds.
            imp.restore(played[3].after);
            generate::Solo solo;
            solo.progression = prog;
            for (int b = 0; b < 12; ++b) {
                if (b >= 4 && b <= 7)
                    generate::appendBar(
                        solo, imp.nextBar(prog, b, generate::Improviser::barSeed(seed, b)));
                else
                    generate::appendBar(solo, played[size_t(b)]);
            }
            return solo;
        };
        auto barNotes = [](const generate::Solo& s, int bar) {
            std::vector<generate::SoloNote> v;
            for (const auto& n : s.notes)
                if (n.start >= bar * 4.0 - 1e-9 && n.start < (bar + 1) * 4.0 - 1e-9)
                    v.push_back(n);
            return v;
        };
        const generate::Solo a = redo(99), b = redo(99), c = redo(123);
        // Played straight through, the Improviser makes generateSolo's take.
        QCOMPARE(redo(o.seed).notes, take.notes);
        bool changed = false;
        for (int bar = 0; bar < 12; ++bar) {
            if (bar < 4 || bar > 7)
                QCOMPARE(barNotes(a, bar), barNotes(take, bar));
            else
                changed = changed || barNotes(a, bar) != barNotes(take, bar);
        }
        QVERIFY2(changed, "a new seed changed none of bars 5-8");
        QCOMPARE(a.notes, b.notes);
        QCOMPARE(a.allValues(), b.allValues());
        QVERIFY(a.allValues() != c.allValues() || a.notes != c.notes);
    }

    // A primed continuation starts from the LSTM state after the phrase; priming moves the
    // first generated bar's distribution away from a zero start's.
    void primingContinuesThePhrase() {
        const auto tunes = corpus::parseTextCorpus("tune \"P\"\n"
                                                   "| Dm7 | F5:8 E5 D5 C5 A4:2\n"
                                                   "| G7  | B4:8t C5 B4 A4:8 G4 F4 D4 B3:4\n",
                                                   "p.txt");
        const auto encoded = grammar::encode(tunes[0].sheet);
        std::vector<std::vector<std::string>> phrase;
        for (const auto& measure : encoded) {
            phrase.emplace_back();
            for (const auto& v : measure)
                phrase.back().push_back(v.toString());
        }
        const Progression prog = Progression::parse("| Dm7 | G7 | Cmaj7 | Cmaj7 |");
        generate::GenerateOptions o;
        generate::Improviser primed(model_, o), zero(model_, o);
        const int fed = primed.prime(prog, 0, phrase, 59);
        QVERIFY(fed > 0);
        QCOMPARE(primed.snapshot().previousPitch, 59);

        // The state after the phrase is the state the values leave when stepped by hand.
        model::LstmState by(model_.model.config.nA);
        std::vector<float> probs;
        int input = -1;
        for (const auto& bar : phrase)
            for (const auto& v : bar)
                if (auto i = model_.vocabulary.indexOrUnknown(v)) {
                    model::step(model_.model, input, by, probs);
                    input = *i;
                }
        QCOMPARE(primed.snapshot().lstm.h, by.h);
        QCOMPARE(primed.snapshot().input, input);
        const auto bar3 = primed.nextBar(prog, 2, 7);
        QCOMPARE(bar3.before.lstm.h, by.h);

        // The first generated bar's distribution: primed against a zero start.
        generate::Improviser again(model_, o);
        again.prime(prog, 0, phrase);
        const auto p = again.firstValueProbabilities(prog, 2);
        const auto q = zero.firstValueProbabilities(prog, 2);
        QCOMPARE(p.size(), q.size());
        double distance = 0;
        for (size_t i = 0; i < p.size(); ++i)
            distance += std::abs(double(p[i]) - double(q[i]));
        QVERIFY2(distance > 0.01, qPrintable(QString::number(distance)));

        // continuePhrase: the phrase's notes as they are, then bars played from that state.
        generate::Phrase ph;
        ph.source = "p.txt";
        ph.chords = Progression::parse("| Dm7 | G7 |");
        ph.values = phrase;
        ph.notes = {{0, 1, 77, 80}, {1, 0.5, 76, 90}, {4.5, 1, 59, 70}};
        const Progression rest = Progression::parse("| Cmaj7 | Cmaj7 |");
        o.seed = 4;
        const generate::Solo cont = generate::continuePhrase(model_, ph, rest, o);
        QCOMPARE(int(cont.progression.bars.size()), 4);
        QCOMPARE(std::vector<generate::SoloNote>(cont.notes.begin(), cont.notes.begin() + 3),
                 ph.notes);
        generate::Improviser by2(model_, o);
        by2.prime(prog, 0, phrase, 59);
        std::vector<generate::SoloNote> expected;
        for (int b = 2; b < 4; ++b)
            for (auto n : by2.nextBar(prog, b, generate::Improviser::barSeed(4, b)).notes) {
                n.start += 4 * b;
                expected.push_back(n);
            }
        QCOMPARE(std::vector<generate::SoloNote>(cont.notes.begin() + 3, cont.notes.end()),
                 expected);
    }

    void corpusChordsProgression() {
        const Progression p = generate::corpusProgression(model_);
        QCOMPARE(int(p.bars.size()), 2);
        QCOMPARE(QString::fromStdString(p.bars[0][0].symbol), QString("Dm7"));
        QCOMPARE(p.bars[0][1].offset, 2.0);
        model::TrainedModel empty;
        QVERIFY_THROWS_EXCEPTION(Error, generate::corpusProgression(empty));
    }

    void midiFileReadsBackEqual() {
        generate::Arrangement a;
        a.solo = generate::generateSolo(model_, Progression::preset("ii-v-i-c"), {});
        a.tempo = 140;
        QTemporaryDir dir;
        const std::string path = dir.filePath("take.mid").toStdString();
        generate::writeMidi(a, path);
        const midi::Song back = midi::toSong(midi::read(path));
        const midi::Song want = a.toSong();
        QCOMPARE(qRound(back.bpm), 140);
        QCOMPARE(int(back.tracks.size()), 3); // tempo track, solo, comping
        for (int t = 0; t < 2; ++t) {
            const auto& got = back.tracks[size_t(t + 1)];
            const auto& exp = want.tracks[size_t(t)];
            QCOMPARE(got.name, exp.name);
            QCOMPARE(got.program, exp.program);
            QCOMPARE(got.notes.size(), exp.notes.size());
            auto sorted = exp.notes;
            std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
                return x.start != y.start ? x.start < y.start : x.pitch < y.pitch;
            });
            for (size_t i = 0; i < sorted.size(); ++i) {
                QCOMPARE(got.notes[i].pitch, sorted[i].pitch);
                QCOMPARE(got.notes[i].velocity, sorted[i].velocity);
                QVERIFY(std::abs(got.notes[i].start - sorted[i].start) <= 0.5 / 480);
                QVERIFY(std::abs(got.notes[i].duration - sorted[i].duration) <= 1.0 / 480);
            }
        }
    }

    void rendersAudibleWavAsLongAsTheArrangement() {
        if (render::defaultSoundFont().empty())
            QSKIP("no General MIDI SoundFont installed (the setup installs timgm6mb-soundfont)");
        generate::Arrangement a;
        a.solo = generate::generateSolo(model_, Progression::preset("ii-v-i-f"), {});
        render::RenderOptions o;
        o.tailSeconds = 1.0;
        const render::Audio audio = render::renderSong(a.toSong(), o);
        QVERIFY2(audio.peak() > 0.02, qPrintable(QString("peak %1").arg(audio.peak())));
        QVERIFY(std::abs(audio.seconds() - (a.lengthSeconds() + 1.0)) < 0.01);
        // Sound in the first bar (the comping) and silence after the tail has decayed is not
        // required; but the last second before the tail must not be empty.
        const size_t rate = size_t(audio.sampleRate);
        int16_t early = 0;
        for (size_t i = 0; i < rate * 2; ++i)
            early = std::max<int16_t>(early, int16_t(std::abs(audio.samples[i])));
        QVERIFY(early > 300);

        QTemporaryDir dir;
        const QString wav = dir.filePath("take.wav");
        render::writeWav(audio, wav.toStdString());
        QFile f(wav);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(44);
        QVERIFY(head.startsWith("RIFF") && head.mid(8, 8) == "WAVEfmt ");
        QCOMPARE(f.size(), qint64(44 + audio.samples.size() * 2));
    }

    void soundFontErrors() {
        midi::Song song;
        render::RenderOptions o;
        o.soundFont = "/nonexistent/gm.sf2";
        try {
            render::renderSong(song, o);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/gm.sf2: SoundFont file not found"));
        }
        QTemporaryDir dir;
        const QString broken = dir.filePath("broken.sf2");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        o.soundFont = broken.toStdString();
        try {
            render::renderSong(song, o);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("not a SoundFont FluidSynth can load"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestGenerate)
#include "test_generate.moc"
