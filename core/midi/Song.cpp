#include "midi/Song.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace jazz::midi {

std::vector<SongNote> extractNotes(const Track& track, int ticksPerQuarter) {
    struct Open {
        int64_t tick;
        int velocity;
    };
    std::map<int, Open> sounding; // key: channel * 128 + pitch
    std::vector<SongNote> notes;
    const double tpq = ticksPerQuarter;
    auto close = [&](int key, const Open& o, int64_t endTick) {
        SongNote n;
        n.start = o.tick / tpq;
        n.duration = (endTick - o.tick) / tpq;
        n.pitch = key % 128;
        n.channel = key / 128;
        n.velocity = o.velocity;
        notes.push_back(n);
    };
    int64_t lastTick = 0;
    for (const Event& e : track.events) {
        lastTick = std::max(lastTick, e.tick);
        if (e.isMeta())
            continue;
        const int key = e.channel() * 128 + e.data1;
        if (e.isNoteOn()) {
            auto it = sounding.find(key);
            if (it != sounding.end()) {
                close(key, it->second, e.tick);
                sounding.erase(it);
            }
            sounding.emplace(key, Open{e.tick, e.data2});
        } else if (e.isNoteOff()) {
            auto it = sounding.find(key);
            if (it != sounding.end()) {
                close(key, it->second, e.tick);
                sounding.erase(it);
            }
        }
    }
    for (const auto& [key, o] : sounding)
        close(key, o, lastTick);
    std::stable_sort(notes.begin(), notes.end(), [](const SongNote& a, const SongNote& b) {
        return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
    });
    return notes;
}

Song toSong(const File& file) {
    Song song;
    song.ticksPerQuarter = file.ticksPerQuarter;
    bool tempoSeen = false, meterSeen = false;
    for (size_t i = 0; i < file.tracks.size(); ++i) {
        const Track& t = file.tracks[i];
        SongTrack st;
        st.index = int(i);
        st.name = t.name();
        bool channelSeen = false, programSeen = false, volumeSeen = false;
        for (const Event& e : t.events) {
            if (e.isMeta()) {
                if (e.metaType == MetaTempo && e.payload.size() == 3 && !tempoSeen) {
                    const int us = (e.payload[0] << 16) | (e.payload[1] << 8) | e.payload[2];
                    if (us > 0) {
                        song.bpm = 60e6 / us;
                        tempoSeen = true;
                    }
                } else if (e.metaType == MetaTimeSignature && e.payload.size() >= 2 &&
                           e.payload[0] > 0 && e.payload[1] < 8) {
                    if (!meterSeen) {
                        song.beatsPerBar = e.payload[0];
                        song.beatUnit = 1 << e.payload[1];
                        meterSeen = true;
                    } else if (song.beatsPerBar != e.payload[0] ||
                               song.beatUnit != (1 << e.payload[1])) {
                        song.meterChanges = true;
                    }
                }
                continue;
            }
            if (!channelSeen && e.isNoteOn()) {
                st.channel = e.channel();
                channelSeen = true;
            }
            if (!volumeSeen && e.kind() == 0xB0 && e.data1 == 7 && e.tick == 0) {
                st.volume = e.data2;
                volumeSeen = true;
            }
            if (!programSeen && e.kind() == 0xC0) {
                st.program = e.data1;
                programSeen = true;
            }
        }
        st.notes = extractNotes(t, file.ticksPerQuarter);
        song.tracks.push_back(std::move(st));
    }
    return song;
}

namespace {

Event meta(int64_t tick, uint8_t type, std::vector<uint8_t> payload) {
    Event e;
    e.tick = tick;
    e.status = 0xFF;
    e.metaType = type;
    e.payload = std::move(payload);
    return e;
}

Event channelEvent(int64_t tick, uint8_t status, uint8_t d1, uint8_t d2 = 0) {
    Event e;
    e.tick = tick;
    e.status = status;
    e.data1 = d1;
    e.data2 = d2;
    return e;
}

} // namespace

std::vector<NoteEvent> noteEvents(const std::vector<const SongTrack*>& tracks, double ticksPerBeat) {
    std::vector<NoteEvent> events;
    for (const SongTrack* t : tracks)
        for (const SongNote& n : t->notes) {
            const int64_t on = std::llround(n.start * ticksPerBeat);
            const int64_t off =
                std::max(on + 1, int64_t(std::llround((n.start + n.duration) * ticksPerBeat)));
            const uint8_t c = uint8_t(n.channel & 0x0F), key = uint8_t(std::clamp(n.pitch, 0, 127));
            events.push_back({on, uint8_t(0x90 | c), key, uint8_t(std::clamp(n.velocity, 1, 127))});
            events.push_back({off, uint8_t(0x80 | c), key, 0});
        }
    std::stable_sort(events.begin(), events.end(), [](const NoteEvent& a, const NoteEvent& b) {
        if (a.tick != b.tick)
            return a.tick < b.tick;
        return a.isOff() && !b.isOff();
    });
    return events;
}

std::vector<NoteEvent> noteEvents(const SongTrack& track, double ticksPerBeat) {
    return noteEvents(std::vector<const SongTrack*>{&track}, ticksPerBeat);
}

File fromSong(const Song& song) {
    File file;
    file.format = 1;
    file.ticksPerQuarter = 480;
    const double tpq = file.ticksPerQuarter;

    Track conductor;
    conductor.events.push_back(meta(0, MetaTrackName, {'T', 'e', 'm', 'p', 'o'}));
    const int us = int(std::lround(60e6 / std::max(1.0, song.bpm)));
    conductor.events.push_back(
        meta(0, MetaTempo, {uint8_t(us >> 16), uint8_t(us >> 8), uint8_t(us)}));
    int log2Unit = 0;
    while ((1 << log2Unit) < song.beatUnit && log2Unit < 7)
        ++log2Unit;
    conductor.events.push_back(
        meta(0, MetaTimeSignature, {uint8_t(song.beatsPerBar), uint8_t(log2Unit), 24, 8}));
    file.tracks.push_back(std::move(conductor));

    for (const SongTrack& st : song.tracks) {
        Track t;
        t.events.push_back(meta(0, MetaTrackName, {st.name.begin(), st.name.end()}));
        const uint8_t ch = uint8_t(st.channel & 0x0F);
        t.events.push_back(channelEvent(0, uint8_t(0xC0 | ch), uint8_t(st.program & 0x7F)));
        t.events.push_back(
            channelEvent(0, uint8_t(0xB0 | ch), 7, uint8_t(std::clamp(st.volume, 0, 127))));
        for (const NoteEvent& n : noteEvents(st, tpq))
            t.events.push_back(channelEvent(n.tick, n.status, n.key, n.velocity));
        file.tracks.push_back(std::move(t));
    }
    return file;
}

} // namespace jazz::midi
