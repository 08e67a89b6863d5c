// Transport: play, stop, loop, tempo, panic; output to FluidSynth (with a chosen SoundFont) or
// to a MIDI port via RtMidi. Devices open when first needed; when one cannot (no sound card, no
// MIDI system) the bar says so once and the rest of the studio keeps working.
#pragma once

#include "StudioDocument.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;

namespace jazz::playback {
class MidiSink;
class PlaybackEngine;
} // namespace jazz::playback

namespace jazz::ui {

class ElidedLabel;
class PianoRoll;

class TransportBar : public QWidget {
    Q_OBJECT
public:
    TransportBar(StudioDocument* document, PianoRoll* roll, QWidget* parent = nullptr);
    ~TransportBar() override;

    // Plays the current take; false (with the reason shown) when no device could be opened.
    bool play();
    // Silences and keeps the place; the next play() goes on from it (stop() forgets it).
    void pause();
    void stop();
    double pausedAt() const { return pausedAt_; } // -1 when not paused
    bool isPlaying() const;
    QString soundFont() const;
    void setSoundFont(const QString& path);
    QComboBox* outputs() const { return output_; }
    ElidedLabel* message() const { return message_; }
    QPushButton* playButton() const { return play_; }
    QPushButton* stopButton() const { return stop_; }
    // The mixer's volumes and mutes to the playing take, from its next bar on.
    void applyMixer();

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    void refreshPorts();
    bool openDevice(QString* error);
    void closeDevice();

    StudioDocument* document_;
    PianoRoll* roll_;
    QPushButton *play_, *pause_, *stop_, *panic_, *refresh_, *soundFontButton_;
    QCheckBox* loop_;
    QSpinBox* tempo_;
    QComboBox* output_;
    ElidedLabel* message_;
    QTimer* playhead_;
    std::unique_ptr<playback::MidiSink> sink_;
    std::unique_ptr<playback::PlaybackEngine> engine_;
    QString openOutput_;
    double pausedAt_ = -1;
    double countIn_ = 0; // beats of count-in before the take in the loaded song
    midi::Song loaded_;  // what the engine plays, to map parts to channels
    int polls_ = 0;
};

} // namespace jazz::ui
