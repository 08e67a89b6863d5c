// Reading a played phrase: recorded notes quantized as a musician would write them (straight and
// swung eighths, triplets kept, human timing, chords to one line, bar lines), and encoded into
// the same grammar values the phrase reader gives for the same notes in a MIDI file.
#include "compose/Quantize.h"
#include "generate/Continuation.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace jazz;

namespace {

// "start-end:pitch" items (played) or "start+duration:pitch" items (written), space-separated;
// a number may be a fraction ("1/3").
double number(const QString& s) {
    const auto parts = s.split('/');
    return parts.size() == 2 ? parts[0].toDouble() / parts[1].toDouble() : s.toDouble();
}

std::vector<compose::PlayedNote> played(const QString& spec) {
    std::vector<compose::PlayedNote> out;
    for (const QString& item : spec.split(' ', Qt::SkipEmptyParts)) {
        const auto timePitch = item.split(':');
        const auto range = timePitch[0].split('-');
        out.push_back({number(range[0]), number(range[1]), timePitch[1].toInt(), 90});
    }
    return out;
}

std::vector<generate::SoloNote> written(const QString& spec) {
    std::vector<generate::SoloNote> out;
    for (const QString& item : spec.split(' ', Qt::SkipEmptyParts)) {
        const auto timePitch = item.split(':');
        const auto range = timePitch[0].split('+');
        out.push_back({number(range[0]), number(range[1]), timePitch[1].toInt(), 90});
    }
    return out;
}

QString show(const std::vector<generate::SoloNote>& notes) {
    QStringList items;
    for (const auto& n : notes)
        items
            << QString("%1+%2:%3").arg(n.start, 0, 'f', 3).arg(n.duration, 0, 'f', 3).arg(n.pitch);
    return items.join(' ');
}

playback::BeatMessage message(double beat, uint8_t status, uint8_t key, uint8_t velocity) {
    playback::BeatMessage m;
    m.beat = beat;
    m.message.bytes = {status, key, velocity};
    m.message.size = 3;
    return m;
}

} // namespace

class TestQuantize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quantizesAsMusiciansPlay_data() {
        QTest::addColumn<double>("origin");
        QTest::addColumn<int>("bars");
        QTest::addColumn<QString>("played");
        QTest::addColumn<QString>("expected");
        QTest::newRow("straight eighths")
            << 0.0 << 1 << "0-0.45:60 0.5-0.95:62 1-1.45:64 1.5-1.95:65"
            << "0+0.5:60 0.5+0.5:62 1+0.5:64 1.5+0.5:65";
        QTest::newRow("swung eighths (2:1) read as eighths")
            << 0.0 << 1 << "0-0.6:60 2/3-0.95:62 1-1.6:64 5/3-1.95:65"
            << "0+0.5:60 0.5+0.5:62 1+0.5:64 1.5+0.5:65";
        QTest::newRow("light swing (3:2) read as eighths") << 0.0 << 1 << "0-0.55:60 0.6-0.95:62"
                                                           << "0+0.5:60 0.5+0.5:62";
        QTest::newRow("triplets kept") << 0.0 << 1 << "0-0.3:60 0.34-0.63:62 0.66-0.95:64 1-2:65"
                                       << "0+1/3:60 1/3+1/3:62 2/3+1/3:64 1+1:65";
        QTest::newRow("triplet rest-note-note") << 0.0 << 1 << "0.33-0.6:60 0.68-1:62"
                                                << "1/3+1/3:60 2/3+1/3:62";
        QTest::newRow("sixteenths") << 0.0 << 1 << "0-0.2:60 0.25-0.45:62 0.5-0.7:64 0.76-0.95:65"
                                    << "0+0.25:60 0.25+0.25:62 0.5+0.25:64 0.75+0.25:65";
        QTest::newRow("late and early by a sixteenth of a beat")
            << 0.0 << 1 << "0.0625-0.5:60 0.4375-0.95:62 0.9375-1.5:64 1.5625-2:65"
            << "0+0.5:60 0.5+0.5:62 1+0.5:64 1.5+0.5:65";
        QTest::newRow("laid back by 0.18 beat all along")
            << 0.0 << 1 << "0.18-0.6:60 0.68-1.1:62 1.18-1.6:64 1.68-2.1:65 2.18-2.6:67 2.68-3.1:69"
            << "0+0.5:60 0.5+0.5:62 1+0.5:64 1.5+0.5:65 2+0.5:67 2.5+0.5:69";
        QTest::newRow("rushing by 0.1 beat, sixteenths")
            << 1.0 << 1 << "0.9-1.1:60 1.15-1.35:62 1.4-1.6:64 1.65-1.85:65 1.9-2.9:67"
            << "0+0.25:60 0.25+0.25:62 0.5+0.25:64 0.75+0.25:65 1+1:67";
        QTest::newRow("chords: the top note")
            << 0.0 << 1 << "0-1:48 0.02-1:52 0-1:55 0.01-1:60 1-2:62"
            << "0+1:60 1+1:62";
        QTest::newRow("legato overlap: the later note wins") << 0.0 << 1 << "0-0.7:60 0.5-1:62"
                                                             << "0+0.5:60 0.5+0.5:62";
        QTest::newRow("cut at the bar line and the range's end")
            << 0.0 << 2 << "3.5-4.8:60 7.5-8.5:62 8.2-9:64"
            << "3.5+0.5:60 7.5+0.5:62";
        QTest::newRow("from an origin, the first note early")
            << 8.0 << 1 << "7.93-8.5:60 7-7.5:59 9-9.5:62"
            << "0+0.5:60 1+0.5:62";
        QTest::newRow("a very short note lasts a grid step") << 0.0 << 1 << "1-1.02:60"
                                                             << "1+0.25:60";
    }
    void quantizesAsMusiciansPlay() {
        QFETCH(double, origin);
        QFETCH(int, bars);
        QFETCH(QString, played);
        QFETCH(QString, expected);
        compose::QuantizeOptions o;
        o.origin = origin;
        o.bars = bars;
        const auto got = compose::quantize(::played(played), o);
        const auto want = written(expected);
        QVERIFY2(got.size() == want.size(), qPrintable(show(got)));
        for (size_t i = 0; i < want.size(); ++i) {
            QVERIFY2(std::abs(got[i].start - want[i].start) < 1e-9 &&
                         std::abs(got[i].duration - want[i].duration) < 1e-9 &&
                         got[i].pitch == want[i].pitch,
                     qPrintable(show(got)));
        }
    }

    void pairsNoteOnsWithOffs() {
        const std::vector<playback::BeatMessage> ms = {
            message(0, 0x90, 60, 90),  message(0.5, 0x80, 60, 0),
            message(1, 0x90, 62, 80),  message(1.5, 0x90, 62, 0),  // note-on, velocity 0: off
            message(2, 0x90, 64, 70),  message(2.5, 0x90, 64, 75), // struck again while held
            message(3, 0xB0, 64, 127),                             // pedal: not a note
            message(3.5, 0x91, 67, 60)};                           // still held at the end
        const auto notes = compose::pairNotes(ms, 4);
        QCOMPARE(int(notes.size()), 5);
        QCOMPARE(notes[0].end, 0.5);
        QCOMPARE(notes[1].end, 1.5);
        QCOMPARE(notes[2].end, 2.5);
        QCOMPARE(notes[3].start, 2.5);
        QCOMPARE(notes[3].end, 4.0);
        QCOMPARE(notes[4].pitch, 67);
        QCOMPARE(notes[4].end, 4.0);
        QCOMPARE(notes[4].velocity, 60);
    }

    // The values of a quantized phrase are those the phrase reader (readPhrase, what
    // `generate --prime` uses) gives for the same notes and chords written to a MIDI file.
    void encodesLikeThePhraseReader() {
        midi::Song song;
        song.bpm = 120;
        midi::SongTrack solo, chords;
        solo.name = "Solo";
        chords.name = "Chords";
        chords.channel = 1;
        const auto notes =
            written("0+0.5:60 0.5+0.5:62 1+1/3:64 4/3+1/3:65 5/3+1/3:67 "
                    "2.5+1.5:69 4+1:67 5.5+0.5:65 6+2:64 9+1:62 10.5+1.5:60 13+1:62");
        for (const auto& n : notes)
            solo.notes.push_back({n.start, n.duration, n.pitch, 90, 0});
        const std::vector<std::vector<int>> voicings = {
            {48, 52, 55, 59}, {50, 53, 57, 60}, {43, 47, 50, 53}, {48, 52, 55, 59}};
        for (int bar = 0; bar < 4; ++bar)
            for (int p : voicings[size_t(bar)])
                chords.notes.push_back({bar * 4.0, 4.0, p, 70, 1});
        song.tracks = {solo, chords};
        QTemporaryDir dir;
        const QString path = dir.filePath("phrase.mid");
        midi::write(midi::fromSong(song), path.toStdString());
        const generate::Phrase phrase = generate::readPhrase(path.toStdString());
        QCOMPARE(phrase.bars(), 4);
        const auto values = compose::encodeBars(notes, phrase.chords);
        QCOMPARE(values.size(), phrase.values.size());
        for (size_t b = 0; b < values.size(); ++b) {
            QVERIFY2(!values[b].empty(),
                     qPrintable(QString("bar %1 of %2").arg(b).arg(values.size())));
            QCOMPARE(QString::fromStdString(std::accumulate(
                         values[b].begin(), values[b].end(), std::string(),
                         [](std::string a, const std::string& v) { return a + v + " "; })),
                     QString::fromStdString(std::accumulate(
                         phrase.values[b].begin(), phrase.values[b].end(), std::string(),
                         [](std::string a, const std::string& v) { return a + v + " "; })));
        }
    }
};

QTEST_GUILESS_MAIN(TestQuantize)
#include "test_quantize.moc"
