// Playing with the studio live: choose a MIDI input, Record a phrase over the band (or a
// count-in) into the take's bars, "Continue my idea" from it, or Trade 2, 4 or 8 bars with the
// model. The panel shows and forwards: the transport service plays and listens, compose::
// Recording reads a phrase into bars, compose::TradeSession trades (on a worker thread; the
// GUI thread never waits for the model). A recorded phrase is one undo step; a trade a new take.
// While it records or trades the panel is the transport's only user (the transport bar is
// disabled), and a device that fails is reported once, on the transport's message line.
#pragma once

#include "compose/Recording.h"
#include "compose/TradeSession.h"
#include "generate/Arrangement.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QPushButton;
class QSpinBox;
class QThread;
class QTimer;
class QUndoStack;

namespace jazz::ui {

class ComposePanel;
class ElidedLabel;
class PianoRoll;
class ProgressionPanel;
class StudioDocument;
class TransportBar;

class LivePanel : public QWidget {
    Q_OBJECT
public:
    LivePanel(StudioDocument* document, ProgressionPanel* progression, PianoRoll* roll,
              ComposePanel* compose, TransportBar* transport, QUndoStack* undo,
              QWidget* parent = nullptr);
    ~LivePanel() override;

    // The input ports again (a headless machine without a MIDI system says so once).
    void refreshInputs();
    // A source offered in the input list beside the ports (a test's player); not owned.
    void addSource(const QString& name, playback::MidiSource* source);

    // Record: plays the take's band (a bar of count-in first) from the bar selected in the
    // ruler (or bar 1) and listens; a take over the chart's chords is made when there is none.
    // False with *error when it cannot start (no input, a device that cannot open, busy).
    bool startRecording(QString* error);
    // Ends it: the phrase quantized replaces the bars it covers (one undo step).
    void stopRecording();
    bool isRecording() const { return recording_; }
    // One look at the input (the timer's, every 20 ms; tests call it to step).
    void pollRecording();
    // The bars the last phrase covered (0-based), or -1.
    int recordedFirst() const { return recordedFirst_; }
    int recordedLast() const { return recordedLast_; }
    // The model continues from the phrase just recorded (ComposePanel::continueFrom): the rest
    // of the take's bars, or the Compose panel's "Continue by" when the phrase ends the take.
    bool continueIdea(QString* error);

    // Trade: a worker runs a TradeSession over the chart (band and count-in first); Stop ends
    // it. The exchange becomes a new take.
    bool startTrade(QString* error);
    void stopTrade();
    // Stops a trade and waits for it: its take is made now (the window closing).
    void finishTradeNow();
    bool isTrading() const { return worker_ != nullptr; }
    // The worker's steps so far (a test advancing a manual clock waits for two after each move).
    long tradeSteps() const { return steps_ ? steps_->load() : 0; }

    QComboBox* inputs() const { return input_; }
    QPushButton* recordButton() const { return record_; }
    QPushButton* continueIdeaButton() const { return continueIdea_; }
    QPushButton* tradeButton() const { return trade_; }
    QComboBox* tradeBars() const { return tradeBars_; }
    QComboBox* starts() const { return starts_; }
    QSpinBox* choruses() const { return choruses_; }
    QCheckBox* loop() const { return loop_; }
    QString status() const;

Q_SIGNALS:
    void errorOccurred(const QString& message); // a refusal (shown by the window)
    void deviceFailed(const QString& message);  // shown on the transport's line; recorded only
    void recorded(bool applied);
    void traded(bool madeTake);

private:
    bool chooseInput(QString* error);
    void finishRecording();
    void finishTrade();
    void updateActions();
    void report(const QString& text);

    StudioDocument* document_;
    ProgressionPanel* progression_;
    PianoRoll* roll_;
    ComposePanel* compose_;
    TransportBar* bar_;
    QUndoStack* undo_;
    QComboBox *input_, *tradeBars_, *starts_;
    QPushButton *refresh_, *record_, *continueIdea_, *trade_;
    QSpinBox* choruses_;
    QCheckBox* loop_;
    ElidedLabel* status_;
    QTimer* poll_;
    QList<playback::MidiSource*> sources_;
    QStringList sourceNames_;
    QString noInputs_; // why no port is listed (said once)

    // Recording.
    bool recording_ = false;
    int recordTake_ = -1;
    compose::RecordingSpan span_;
    std::vector<playback::BeatMessage> heard_;
    int polls_ = 0;
    double lastBeat_ = 0; // the song's beat at the last poll
    QString recordingText_; // what the transport's line says while recording
    int recordedFirst_ = -1, recordedLast_ = -1;

    // Trading.
    struct TradeOutcome {
        compose::TradeResult result;
        std::string error;
        bool started = false;
    };
    QThread* worker_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::shared_ptr<std::atomic<long>> steps_;
    std::shared_ptr<TradeOutcome> outcome_;
    generate::Arrangement tradeArrangement_; // the chords and band traded over
    double tradeTemperature_ = 0.5;
    uint32_t tradeSeed_ = 0;
};

} // namespace jazz::ui
