// The performance stage (swing, dynamics, humanization), the mixer, and the parts as they reach
// every output: the MIDI file, the WAV render and live playback (recording sink and FluidSynth's
// file driver).
#include "Error.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"
#include "perform/Performance.h"
#include "playback/Devices.h"
#include "playback/PlaybackEngine.h"
#include "render/Renderer.h"
#include "session/Session.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

using namespace jazz;

namespace {

// The median long:short ratio of eighth pairs: an onset on a beat, one inside it, and the next
// on the following beat.
double measuredSwing(std::vector<midi::SongNote> notes, int* pairs = nullptr) {
    std::sort(notes.begin(), notes.end(),
              [](const auto& a, const auto& b) { return a.start < b.start; });
    std::vector<double> ratios;
    for (size_t i = 0; i + 2 < notes.size(); ++i) {
        const double a = notes[i].start, b = notes[i + 1].start, c = notes[i + 2].start;
        const double k = std::round(a);
        if (std::abs(a - k) < 0.05 && std::abs(c - (k + 1)) < 0.05 && b - k > 0.3 && b - k < 0.8)
            ratios.push_back((b - a) / (c - b));
    }
    if (pairs)
        *pairs = int(ratios.size());
    if (ratios.empty())
        return 0;
    std::nth_element(ratios.begin(), ratios.begin() + long(ratios.size() / 2), ratios.end());
    return ratios[ratios.size() / 2];
}

// 16 bars of a line in straight eighths (written on the grid), over one chord a bar.
generate::Arrangement eighthLine() {
    generate::Arrangement a;
    a.solo.progression = generate::Progression::parse("| F7 | Bb7 | F7 | F7 |").repeated(4);
    const int line[] = {65, 69, 72, 75, 74, 72, 69, 67};
    for (int i = 0; i < 16 * 8; ++i)
        a.solo.notes.push_back({i * 0.5, 0.5, line[i % 8] + (i / 8) % 3, 90});
    return a;
}

std::vector<midi::SongNote> soloFromFile(const std::string& path) {
    for (const auto& t : midi::toSong(midi::read(path)).tracks)
        if (t.name == "Solo")
            return t.notes;
    return {};
}

bool waitFor(const std::function<bool()>& condition, int ms) {
    for (int i = 0; i < ms / 5; ++i) {
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return condition();
}

// A bar of drums (ride on every beat) repeated, on channel 10, and a bass note a beat on 2.
midi::Song drumsAndBass(int bars, double bpm) {
    midi::Song song;
    song.bpm = bpm;
    midi::SongTrack drums, bass;
    drums.name = "Drums";
    drums.channel = 9;
    bass.name = "Bass";
    bass.channel = 1;
    bass.program = 32;
    bass.index = 1; // its place in the band
    for (int b = 0; b < bars * 4; ++b) {
        drums.notes.push_back({double(b), 0.1, 51, 100, 9});
        bass.notes.push_back({double(b), 0.9, 41, 100, 1});
    }
    song.tracks = {drums, bass};
    return song;
}

int16_t peakOf(const QString& wav, double fromFraction = 0, double toFraction = 1) {
    QFile f(wav);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray data = f.readAll();
    const auto* s = reinterpret_cast<const int16_t*>(data.constData() + 44);
    const qsizetype n = (data.size() - 44) / 2;
    int peak = 0;
    for (qsizetype i = qsizetype(fromFraction * n); i < qsizetype(toFraction * n); ++i)
        peak = std::max(peak, std::abs(int(s[i])));
    return int16_t(std::min(peak, 32767));
}

} // namespace

class TestPerform : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void swingFollowsTheTempo() {
        QCOMPARE(perform::swingForTempo(60), 2.0);
        QCOMPARE(perform::swingForTempo(120), 1.7);
        QCOMPARE(perform::swingForTempo(200), 1.3);
        QCOMPARE(perform::swingForTempo(400), 1.1);
        const double at130 = perform::swingForTempo(130);
        QVERIFY(at130 > 1.25 && at130 < 2.2);
        for (double bpm = 60; bpm < 320; bpm += 10) // never swings harder as the tempo rises
            QVERIFY(perform::swingForTempo(bpm + 10) <= perform::swingForTempo(bpm));
    }

    void exportedSoloSwingsAsAsked_data() {
        QTest::addColumn<double>("requested");
        QTest::addColumn<double>("tempo");
        QTest::newRow("straight") << 1.0 << 130.0;
        QTest::newRow("soloist 1.3") << 1.3 << 130.0;
        QTest::newRow("1.5 at 180") << 1.5 << 180.0;
        QTest::newRow("triplet feel 2:1") << 2.0 << 130.0;
        QTest::newRow("hard 2.5 at 90") << 2.5 << 90.0;
        QTest::newRow("tempo's own at 130") << 0.0 << 130.0;
        QTest::newRow("tempo's own at 240") << 0.0 << 240.0;
    }
    void exportedSoloSwingsAsAsked() {
        QFETCH(double, requested);
        QFETCH(double, tempo);
        generate::Arrangement a = eighthLine();
        a.tempo = tempo;
        a.performance.swing = requested;
        a.performance.seed = 7;
        QTemporaryDir dir;
        const std::string path = dir.filePath("take.mid").toStdString();
        generate::writeMidi(a, path);
        int pairs = 0;
        const double got = measuredSwing(soloFromFile(path), &pairs);
        const double want = requested > 0 ? requested : perform::swingForTempo(tempo);
        QVERIFY2(pairs > 50, qPrintable(QString("%1 pairs").arg(pairs)));
        QVERIFY2(std::abs(got - want) <= 0.05,
                 qPrintable(QString("swing %1, asked %2").arg(got).arg(want)));
        // The take itself stays on the grid.
        QCOMPARE(a.solo.notes[1].start, 0.5);
    }

    void quantizedExportIsOnTheGrid() {
        generate::Arrangement a = eighthLine();
        a.performance.swing = 2;
        QTemporaryDir dir;
        const std::string path = dir.filePath("grid.mid").toStdString();
        generate::SongOptions o;
        o.quantized = true;
        generate::writeMidi(a, path, o);
        const auto notes = soloFromFile(path);
        QCOMPARE(notes.size(), a.solo.notes.size());
        for (size_t i = 0; i < notes.size(); ++i)
            QVERIFY(std::abs(notes[i].start - a.solo.notes[i].start) <= 0.5 / 480);
    }

    void tripletsAndSixteenthsAreLeftAlone() {
        // Beat 0: eighths; beat 1: triplets; beat 2: sixteenths; beat 3: an eighth pair again.
        std::vector<midi::SongNote> notes = {{0, 0.5, 60, 90, 0},
                                             {0.5, 0.5, 62, 90, 0},
                                             {1, 1.0 / 3, 64, 90, 0},
                                             {1 + 1.0 / 3, 1.0 / 3, 65, 90, 0},
                                             {1 + 2.0 / 3, 1.0 / 3, 67, 90, 0},
                                             {2, 0.25, 69, 90, 0},
                                             {2.25, 0.25, 67, 90, 0},
                                             {2.5, 0.25, 65, 90, 0},
                                             {2.75, 0.25, 64, 90, 0},
                                             {3, 0.5, 62, 90, 0},
                                             {3.5, 0.5, 60, 90, 0}};
        perform::PerformOptions o;
        o.swing = 2;
        o.humanize = 0;
        const auto played = perform::perform(notes, 130, o);
        QCOMPARE(played.size(), notes.size());
        for (size_t i = 0; i < notes.size(); ++i) {
            const double want =
                (i == 1 || i == 10) ? std::floor(notes[i].start) + 2.0 / 3 : notes[i].start;
            QVERIFY2(std::abs(played[i].start - want) < 1e-9,
                     qPrintable(
                         QString("note %1 at %2, want %3").arg(i).arg(played[i].start).arg(want)));
        }
        QVERIFY(std::abs(played[0].duration - 2.0 / 3) < 1e-9); // the long eighth
        QVERIFY(std::abs(played[1].duration - 1.0 / 3) < 1e-9);
    }

    void humanizingIsSlightAndSeeded() {
        const generate::Arrangement a = eighthLine();
        perform::PerformOptions o;
        o.swing = 1;
        o.seed = 3;
        std::vector<midi::SongNote> written;
        for (const auto& n : a.solo.notes)
            written.push_back({n.start, n.duration, n.pitch, n.velocity, 0});
        const auto one = perform::perform(written, 120, o);
        QCOMPARE(perform::perform(written, 120, o), one);
        o.seed = 4;
        QVERIFY(perform::perform(written, 120, o) != one);
        o.humanize = 0;
        const auto still = perform::perform(written, 120, o);
        double most = 0, sum = 0;
        for (size_t i = 0; i < one.size(); ++i) {
            const double ms = std::abs(one[i].start - still[i].start) * 60000 / 120;
            most = std::max(most, ms);
            sum += ms;
        }
        QVERIFY2(most <= 15.01 && sum / double(one.size()) > 1,
                 qPrintable(QString("max %1 ms, mean %2 ms").arg(most).arg(sum / one.size())));
    }

    void dynamicsFollowThePhrase() {
        // A phrase rising to its top note and falling, then a rest and an anticipation.
        std::vector<midi::SongNote> notes;
        const int rise[] = {60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62, 60, 59};
        for (int i = 0; i < 16; ++i)
            notes.push_back({i * 0.5, 0.5, rise[i], 90, 0});
        notes.push_back({11.5, 1.5, 67, 90, 0}); // off the beat, held over the bar line
        const auto v = perform::phraseVelocities(notes);
        QCOMPARE(v.size(), notes.size());
        const int top = v[7];
        for (int i = 0; i < 16; ++i)
            if (i != 7)
                QVERIFY2(
                    v[size_t(i)] < top,
                    qPrintable(QString("note %1: %2 vs top %3").arg(i).arg(v[size_t(i)]).arg(top)));
        QVERIFY(v[0] < v[4] && v[14] < v[10]); // the contour: up to the top, down after it
        QVERIFY(v[15] > v[14]);     // a phrase ending off the beat is accented (an anticipation)
        QVERIFY(v[16] > v[15] + 8); // the syncopation is accented
        QVERIFY(std::set<int>(v.begin(), v.end()).size() > 6); // no constant velocity

        // A low passing tone on the beat inside a line of eighths is ghosted.
        const std::vector<midi::SongNote> turn = {{0, 0.5, 67, 90, 0}, {0.5, 0.5, 69, 90, 0},
                                                  {1, 0.5, 62, 90, 0}, {1.5, 0.5, 69, 90, 0},
                                                  {2, 0.5, 67, 90, 0}, {2.5, 0.5, 65, 90, 0}};
        const auto g = perform::phraseVelocities(turn);
        QVERIFY2(g[2] < 60 && g[2] < g[1] - 20, qPrintable(QString("ghost %1").arg(g[2])));
    }

    void mixerDecidesWhatIsHeard() {
        perform::Mixer m;
        QVERIFY(m.audible("Drums"));
        m.parts["Drums"].mute = true;
        QVERIFY(!m.audible("Drums") && m.audible("Bass"));
        m.parts["Bass"].solo = true;
        QVERIFY(m.audible("Bass") && !m.audible("Solo") && !m.audible("Drums"));
        m.parts["Bass"].volume = 80;
        m.master = 50;
        QCOMPARE(m.channelVolume("Bass"), 40);
        QCOMPARE(m.channelVolume("Solo"), 50);
    }

    void mutedPartIsAbsentFromTheFile() {
        generate::Arrangement a = eighthLine();
        a.band = drumsAndBass(16, 130).tracks;
        perform::Mixer m;
        m.parts["Drums"].mute = true;
        m.parts["Bass"].volume = 64;
        generate::SongOptions o;
        o.mixer = &m;
        QTemporaryDir dir;
        const std::string path = dir.filePath("mix.mid").toStdString();
        generate::writeMidi(a, path, o);
        const midi::Song back = midi::toSong(midi::read(path));
        QStringList names;
        for (const auto& t : back.tracks) {
            names << QString::fromStdString(t.name);
            for (const auto& n : t.notes)
                QVERIFY(n.channel != 9);
            if (t.name == "Bass")
                QCOMPARE(t.volume, 64);
        }
        QCOMPARE(names, QStringList({"Tempo", "Solo", "Bass"}));
    }

    void countInAddsABarOfSticks() {
        generate::Arrangement a = eighthLine();
        a.performance.humanize = 0;
        generate::SongOptions o;
        o.countIn = true;
        o.quantized = true;
        const midi::Song s = a.toSong(o);
        QCOMPARE(QString::fromStdString(s.tracks[0].name), QString(generate::kCountInPart));
        QCOMPARE(int(s.tracks[0].notes.size()), 4);
        QCOMPARE(s.tracks[1].notes.front().start, 4.0); // the solo starts a bar later
    }

    void renderedBandHasEveryPartAndMutesOne() {
        if (render::defaultSoundFont().empty())
            QSKIP("no General MIDI SoundFont installed (the setup installs timgm6mb-soundfont)");
        generate::Arrangement a = eighthLine();
        a.band = drumsAndBass(4, 130).tracks;
        a.solo.notes.resize(32);
        a.solo.progression.bars.resize(4);
        render::RenderOptions r;
        r.tailSeconds = 0.5;
        for (const std::string& part : a.partNames()) {
            perform::Mixer alone;
            alone.parts[part].solo = true;
            generate::SongOptions o;
            o.mixer = &alone;
            const midi::Song song = a.toSong(o);
            QCOMPARE(int(song.tracks.size()), 1);
            const double peak = render::renderSong(song, r).peak();
            QVERIFY2(peak > 0.01,
                     qPrintable(QString::fromStdString(part) + QString(": peak %1").arg(peak)));
        }
        perform::Mixer none;
        for (const std::string& part : a.partNames())
            none.parts[part].mute = true;
        generate::SongOptions o;
        o.mixer = &none;
        QVERIFY(render::renderSong(a.toSong(o), r).peak() < 0.001);
    }

    void sessionKeepsTheBandAndTheMixer() {
        session::Session s;
        session::Take t;
        t.name = "take 1";
        t.seed = 5;
        t.arrangement = eighthLine();
        t.arrangement.band = drumsAndBass(2, 130).tracks;
        t.arrangement.band[1].volume = 90;
        t.arrangement.style = "Swing1Walk";
        t.arrangement.performance.seed = t.seed;
        s.takes = {t};
        s.currentTake = 0;
        s.band = {true, "JazzWaltz", 1.5, true};
        s.mixer.parts["Drums"] = {70, true, false};
        s.mixer.parts["Bass"] = {100, false, true};
        s.mixer.master = 80;
        const session::Session back = session::parseSession(session::serializeSession(s), "x.jazz");
        QVERIFY(back.band == s.band);
        QVERIFY(back.mixer == s.mixer);
        const auto& a = back.takes[0].arrangement;
        QCOMPARE(a.style, std::string("Swing1Walk"));
        QCOMPARE(a.band, t.arrangement.band);
        QCOMPARE(a.performance.seed, 5u); // the take plays as it did
        QCOMPARE(a.toSong().tracks, t.arrangement.toSong().tracks);

        // A version-1 file (before the band) still opens: no band, default settings.
        const std::string v1 = R"({"format": "jazz-studio session", "version": 1, "corpus": [],
            "progression": "| F7 |", "transpose": 0, "choruses": 1, "model": "",
            "takes": [{"name": "old", "tempo": 120, "temperature": 0.5, "seed": 1,
                       "beats_per_bar": 4, "bars": [[{"offset": 0, "pitches": [53, 57, 60, 63],
                       "symbol": "F7"}]], "notes": [[0, 1, 65, 100], [1, 1, 69, 84]]}],
            "current_take": 0})";
        const session::Session old = session::parseSession(v1, "old.jazz");
        QCOMPARE(int(old.takes.size()), 1);
        QVERIFY(old.takes[0].arrangement.band.empty());
        QVERIFY(old.band == session::BandSettings{});
        QCOMPARE(old.takes[0].arrangement.partNames(),
                 (std::vector<std::string>{"Solo", "Comping"}));

        // A broken band part is refused with the take and part named.
        std::string broken = session::serializeSession(s);
        const std::string channel = "\"channel\": 9";
        broken.replace(broken.find(channel), channel.size(), "\"channel\": 99");
        try {
            session::parseSession(broken, "broken.jazz");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(
                QString(e.what()).contains("broken.jazz: take 'take 1' has a malformed band part"),
                e.what());
        }
    }

    void engineMutesAChannelAtTheNextBar() {
        playback::RecordingSink sink;
        playback::PlaybackEngine engine(&sink);
        engine.load(drumsAndBass(8, 480)); // a note a beat on each channel; a bar is 0.5 s
        engine.setChannelMix(1, 90, true); // set before play: from the start
        std::atomic<bool> done{false};
        engine.setFinishedHandler([&] { done = true; });
        engine.play();
        QVERIFY(waitFor([&] { return engine.position() > 4.5; }, 5000));
        const double askedAt = engine.position();
        engine.setChannelMix(9, 100, true);  // the drums, while playing
        engine.setChannelMix(1, 100, false); // the bass back
        QVERIFY(waitFor([&] { return done.load(); }, 10000));
        int drums = 0, bass = 0;
        bool volumeSent = false;
        for (const auto& e : sink.entries()) {
            const int kind = e.bytes[0] & 0xF0, ch = e.bytes[0] & 0x0F;
            if (kind == 0xB0 && ch == 1 && e.bytes[1] == 7 && e.bytes[2] == 100)
                volumeSent = true;
            if (kind == 0x90 && e.bytes[2] > 0)
                (ch == 9 ? drums : bass)++;
        }
        // Both changes land together on a bar line after the request: the drums played every
        // beat up to it, the bass every beat from it.
        QVERIFY2(
            drums % 4 == 0 && drums >= askedAt && drums < 32 && bass == 32 - drums,
            qPrintable(
                QString("drums %1, bass %2, asked at beat %3").arg(drums).arg(bass).arg(askedAt)));
        QVERIFY(volumeSent);
        QVERIFY(engine.channelMuted(9) && !engine.channelMuted(1));
    }

    void fluidSynthFilePlaybackHonoursMute() {
        QTemporaryDir dir;
        auto playTo = [&](const QString& wav, bool muteDrums) -> int {
            std::unique_ptr<playback::FluidSynthSink> synth;
            try {
                synth = playback::FluidSynthSink::open({{}, "file", wav.toStdString(), 44100});
            } catch (const Error&) {
                return -2;
            }
            playback::PlaybackEngine engine(synth.get());
            midi::Song song = drumsAndBass(2, 480);
            song.tracks.resize(1); // the drums alone
            engine.load(song);
            engine.setChannelMix(9, 100, muteDrums);
            std::atomic<bool> done{false};
            engine.setFinishedHandler([&] { done = true; });
            engine.play();
            if (!waitFor([&] { return done.load(); }, 10000))
                return -3;
            synth.reset();
            return peakOf(wav);
        };
        const int loud = playTo(dir.filePath("drums.wav"), false);
        if (loud == -2)
            QSKIP("no SoundFont for FluidSynth");
        const int muted = playTo(dir.filePath("muted.wav"), true);
        QVERIFY2(loud > 500, qPrintable(QString("unmuted peak %1").arg(loud)));
        QVERIFY2(muted >= 0 && muted < 50, qPrintable(QString("muted peak %1").arg(muted)));
    }
};

QTEST_GUILESS_MAIN(TestPerform)
#include "test_perform.moc"
