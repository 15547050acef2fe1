package io.presenca;
public class Presenca { public static void main(String[] a) {} }
