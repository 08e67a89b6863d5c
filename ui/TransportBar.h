// The transport's face: play, pause, stop, loop, tempo, panic, and the output (FluidSynth with a
// chosen SoundFont, or a MIDI port). It shows and forwards; the playback::Transport service it is
// given owns the engine and the devices. When a device cannot open or fails (no sound card, no
// MIDI system, a port pulled) the bar says so once and the rest of the studio keeps working.
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
class Transport;
} // namespace jazz::playback

namespace jazz::ui {

class ElidedLabel;
class PianoRoll;

class TransportBar : public QWidget {
    Q_OBJECT
public:
    // `transport` is shared: the window (and recording, trading) use the same service.
    TransportBar(StudioDocument* document, PianoRoll* roll,
                 std::shared_ptr<playback::Transport> transport, QWidget* parent = nullptr);
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
    int tempo() const; // the tempo box's: what Play, Record and Trade play at
    ElidedLabel* message() const { return message_; }
    QPushButton* playButton() const { return play_; }
    QPushButton* stopButton() const { return stop_; }
    playback::Transport* service() const { return transport_.get(); }
    // The mixer's volumes and mutes to the playing take, from its next bar on.
    void applyMixer();
    // The combo box's and the settings' choice, to the service (a sink the service was given,
    // a test's, stays). Recording and trading call it before they play.
    void chooseOutput();
    // The service's failures shown here, once (again after a trade, which listens itself).
    void listenForErrors();

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    void refreshPorts();

    StudioDocument* document_;
    PianoRoll* roll_;
    QPushButton *play_, *pause_, *stop_, *panic_, *refresh_, *soundFontButton_;
    QCheckBox* loop_;
    QSpinBox* tempo_;
    QComboBox* output_;
    ElidedLabel* message_;
    QTimer* playhead_;
    std::shared_ptr<playback::Transport> transport_;
    double pausedAt_ = -1;
    double countIn_ = 0; // beats of count-in before the take in the loaded song
    int polls_ = 0;
};

} // namespace jazz::ui
