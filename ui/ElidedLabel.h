// A one-line label that never widens its layout: text too long for the space is elided at the
// end, and the full text is the tooltip. For messages of unknown length (device errors, paths).
#pragma once

#include <QFrame>

namespace jazz::ui {

class ElidedLabel : public QFrame {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const { return text_; }
    bool isElided() const;
    void clear() { setText(QString()); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    QString text_;
};

} // namespace jazz::ui
