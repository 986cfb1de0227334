namespace Faas.Vmm.Devices.Serial;

/// <summary>The 8250/16550A register map (linux/serial_reg.h): offsets from the port base and their bits.</summary>
internal static class SerialReg
{
    public const int UART_RX = 0;
    public const int UART_TX = 0;
    public const int UART_DLL = 0;
    public const int UART_IER = 1;
    public const int UART_DLM = 1;
    public const int UART_IIR = 2;
    public const int UART_FCR = 2;
    public const int UART_LCR = 3;
    public const int UART_MCR = 4;
    public const int UART_LSR = 5;
    public const int UART_MSR = 6;
    public const int UART_SCR = 7;

    public const byte UART_IER_RDI = 0x01;
    public const byte UART_IER_THRI = 0x02;
    public const byte UART_IER_RLSI = 0x04;
    public const byte UART_IER_MSI = 0x08;
    public const byte UART_IER_MASK = 0x0F;

    public const byte UART_IIR_NO_INT = 0x01;
    public const byte UART_IIR_MSI = 0x00;
    public const byte UART_IIR_THRI = 0x02;
    public const byte UART_IIR_RDI = 0x04;
    public const byte UART_IIR_RLSI = 0x06;
    public const byte UART_IIR_FIFO_ENABLED_16550A = 0xC0;

    public const byte UART_FCR_ENABLE_FIFO = 0x01;
    public const byte UART_FCR_CLEAR_RCVR = 0x02;
    public const byte UART_FCR_CLEAR_XMIT = 0x04;

    public const byte UART_LCR_DLAB = 0x80;
    public const byte UART_LCR_WLEN8 = 0x03;

    public const byte UART_MCR_DTR = 0x01;
    public const byte UART_MCR_RTS = 0x02;
    public const byte UART_MCR_OUT1 = 0x04;
    public const byte UART_MCR_OUT2 = 0x08;
    public const byte UART_MCR_LOOP = 0x10;
    public const byte UART_MCR_MASK = 0x1F;

    public const byte UART_LSR_DR = 0x01;
    public const byte UART_LSR_OE = 0x02;
    public const byte UART_LSR_THRE = 0x20;
    public const byte UART_LSR_TEMT = 0x40;

    public const byte UART_MSR_DCD = 0x80;
    public const byte UART_MSR_RI = 0x40;
    public const byte UART_MSR_DSR = 0x20;
    public const byte UART_MSR_CTS = 0x10;

    /// <summary>Bytes a 16550A's receive FIFO holds (what the chip loops back).</summary>
    public const int UART_FIFO_SIZE = 16;
}
