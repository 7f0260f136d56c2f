namespace MultiTask;

/// <summary>What MultiTask found out about the native libraries when TorchSharp's could not be loaded.</summary>
/// <param name="TorchSharpVersion">The version of the referenced TorchSharp, for the backend package to add (e.g. "0.107.0").</param>
/// <param name="LibTorchFileName">libtorch's CPU library as named on this platform (e.g. "libtorch_cpu.so").</param>
/// <param name="LibTorchFound">Whether libtorch was found in a searched directory (where a backend package puts it).</param>
/// <param name="SearchedDirectories">The directories searched for libtorch: the application's and the runtime's native search directories.</param>
/// <param name="LibStdCxxPath">The C++ runtime found on Linux, or null when none was found or not on Linux.</param>
/// <param name="GlibcxxPatch">The highest N of GLIBCXX_3.4.N that the C++ runtime provides, or null when unknown.</param>
/// <param name="FailedLibrary">The native library that did not load ("torch_cpu" or "LibTorchSharp"), or null when both loaded.</param>
/// <param name="LoaderError">The operating system loader's message for <paramref name="FailedLibrary"/>, or null.</param>
/// <param name="ForeignLibTorch">
/// A libtorch that loaded by name from outside the searched directories (such as Debian's libtorch1.13 from
/// python3-torch), which is not the version TorchSharp needs; null when none did.
/// </param>
internal sealed record TorchRuntimeFacts(
    string TorchSharpVersion,
    string LibTorchFileName,
    bool LibTorchFound,
    IReadOnlyList<string> SearchedDirectories,
    string? LibStdCxxPath,
    int? GlibcxxPatch,
    string? FailedLibrary,
    string? LoaderError,
    string? ForeignLibTorch = null);
