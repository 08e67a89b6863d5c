// The musical view of a MIDI file: per track its notes in quarter notes, plus tempo and meter.
#pragma once

#include "midi/MidiFile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace jazz::midi {

struct SongNote {
    double start = 0;    // quarter notes from the start of the file
    double duration = 0; // quarter notes
    int pitch = 60;
    int velocity = 90;
    int channel = 0;
    bool operator==(const SongNote& o) const = default;
};

struct SongTrack {
    int index = 0; // track number in the file
    std::string name;
    int channel = 0;
    int program = 0; // General MIDI program, 0-based
    int volume = 100; // channel volume (controller 7) at the start; 100 when the file sets none
    std::vector<SongNote> notes; // sorted by start, then pitch
    bool operator==(const SongTrack& o) const = default;
};

struct Song {
    int ticksPerQuarter = 480;
    double bpm = 120;            // the first tempo
    int beatsPerBar = 4;         // the first time signature's numerator
    int beatUnit = 4;            // ... and its denominator
    // A later time signature that differs from the first (the bars after it would not line up
    // with beatsPerBar; importers refuse such files rather than misplace every bar).
    bool meterChanges = false;
    std::vector<SongTrack> tracks; // every track of the file, also those without notes
};

// Pairs note-ons with note-offs per channel and pitch. When a pitch is struck again while
// still sounding, the earlier note ends there (a re-strike, as a player hears it) rather than
// overlapping itself; a note never closed ends at the track's last event.
std::vector<SongNote> extractNotes(const Track& track, int ticksPerQuarter);

Song toSong(const File& file);

// One note's start or end as a MIDI message, at a tick of the caller's resolution.
struct NoteEvent {
    int64_t tick = 0;
    uint8_t status = 0x90; // 0x9n note-on or 0x8n note-off (velocity 0)
    uint8_t key = 60;
    uint8_t velocity = 0;
    bool isOff() const { return (status & 0xF0) == 0x80; }
};

// The one way notes become MIDI events (the MIDI file writer, the live engine and the offline
// renderer all use it): each note's note-on and note-off on a grid of `ticksPerBeat` (nearest
// tick; a note lasts at least one tick; pitch clamped to 0-127, velocity to 1-127), sorted by
// tick. At one tick note-offs come before note-ons, so a repeated pitch re-strikes instead of
// being cut; otherwise events keep the order of the tracks and notes.
std::vector<NoteEvent> noteEvents(const std::vector<const SongTrack*>& tracks, double ticksPerBeat);
std::vector<NoteEvent> noteEvents(const SongTrack& track, double ticksPerBeat);

// A format-1 file at 480 ticks per quarter: a tempo/meter track, then one track per part with
// its name, program change and notes. Notes are placed on the nearest tick.
File fromSong(const Song& song);

} // namespace jazz::midi
