namespace MultiTask.Models;

/// <summary>The recurrent layer of a text trunk.</summary>
public enum RecurrentCell
{
    /// <summary>Long short-term memory (Hochreiter and Schmidhuber, 1997).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (Cho et al., 2014).</summary>
    Gru,
}
